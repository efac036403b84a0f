export { patientIdOf } from './repository/compartment.ts';
export { notFound, StoreError } from './repository/errors.ts';
export {
  createResource,
  createResources,
  putResource,
  readResource,
  readResources,
  readVersion,
  resourceHistory,
  type StoredResource,
  updateResource,
  type WriteOptions,
} from './repository/resources.ts';
export { seedSandbox, seedSandboxIfEnabled } from './sandbox/index.ts';
export { type DateRange, dateRange, FAR_FUTURE, FAR_PAST, periodRange } from './search/date-range.ts';
export { executeSearch, isVisible, type SearchResult } from './search/execute.ts';
export { extractIndexRows, warmUpIndexExtraction } from './search/extract.ts';
export { normaliseSearchString, SEARCH_STRING_MAX_LENGTH, searchStringValue } from './search/normalise.ts';
export { type CursorState, decodeCursor, encodeCursor } from './search/paging.ts';
export {
  STORE_COLUMN_PARAMETERS,
  searchableResourceTypes,
  searchParameter,
  searchParameters,
  TWPAS_DEVIATIONS,
  type TwpasDeviation,
} from './search/parameters.ts';
export { type ParseSearchOptions, parseSearch, type SearchParameterLookup } from './search/parse.ts';
export { MAX_CHAIN_DEPTH, pseudoParameter } from './search/parse-name.ts';
export { MAX_TEXT_LENGTH } from './search/parse-text.ts';
export { buildSearchSql, type SearchSql, type Visibility } from './search/sql.ts';
export * from './search/types.ts';
export { NUMBER_MAX_MAGNITUDE } from './search/values/number.ts';
export { parseReference, type ReferenceTarget } from './search/values/reference.ts';
export { TOKEN_MAX_LENGTH } from './search/values/token.ts';
export { assignServerIds, rewrite } from './submission/server-ids.ts';
export { criteriaMatch, enqueueNotifications } from './subscriptions/enqueue.ts';
