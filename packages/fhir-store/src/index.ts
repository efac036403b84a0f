// @openpas/fhir-store — versioned FHIR storage with its search index, the access guard every read and
// write passes, the audit trail and the notification outbox. Apps use the guarded store (`createResourceStore`);
// the workflow's own writes go through '@openpas/fhir-store/workflow'.
export {
  actingOrganization,
  type Caller,
  type CallerOrganization,
  isPayerReviewer,
} from './access/caller.ts';
export { matchesFilters } from './access/granular-filters.ts';
export { admits, type Guarded, type Permit, permit, visibilityOf } from './access/guard.ts';
export { SUBMISSION_RECEIPT_SYSTEM } from './access/workflow-owned.ts';
export { type AuditEventPage, toAuditEvent } from './audit/audit-events.ts';
export { type ClientCall, callsOfClient } from './audit/client-calls.ts';
export type { AuditInput } from './audit/record.ts';
export { type AuditWriter, createAuditWriter } from './audit/writer.ts';
export {
  claimDueNotifications,
  type DueNotification,
  markAttemptFailed,
  markDelivered,
} from './notifications/outbox.ts';
export { acceptSubscription, type SubscriptionPolicy } from './notifications/subscription-rules.ts';
export { notFound, StoreError, type StoreErrorCode } from './repository/errors.ts';
export { patientIdOf } from './repository/patient-of.ts';
export { createPatientDirectory, type PatientDirectory } from './repository/patients.ts';
export { type StoredResource, storedBody, storedJson, withJson } from './repository/resources.ts';
export { chartRecordsOf } from './sandbox/chart-records.ts';
export { seedSandbox, seedSandboxIfEnabled } from './sandbox/index.ts';
export { type DateRange, dateRange, FAR_FUTURE, FAR_PAST, periodRange } from './search/date-range.ts';
export type { SearchResult } from './search/execute.ts';
export { extractIndexRows, warmUpIndexExtraction } from './search/extract.ts';
export { normaliseSearchString, SEARCH_STRING_MAX_LENGTH, searchStringValue } from './search/normalise.ts';
export { type CursorState, decodeCursor, encodeCursor, nextPageCursor } from './search/paging.ts';
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
export {
  type CallerStore,
  createResourceStore,
  type ResourceStore,
  type ResourceStoreOptions,
  type SearchOptions,
  type SearchOutcome,
} from './store/resource-store.ts';
export { sweepUnreadNumbers } from './submission/number-at-commit.ts';
