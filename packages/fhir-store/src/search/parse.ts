import { type SubsetOptions, type SummaryMode, subsets } from '@openpas/fhir-model';
import { decodeCursor } from './paging.ts';
import {
  parseCount,
  parseElements,
  parseInclude,
  parseSort,
  parseSummary,
  parseTotal,
} from './parse-control.ts';
import { pseudoParameter, resolveName, type SearchParameterLookup } from './parse-name.ts';
import { checkText, splitOrValues } from './parse-text.ts';
import { parseId, parseValues } from './parse-value.ts';
import type { IncludeDirective, SearchClause, SearchRequest, SearchValue, SortKey } from './types.ts';
import { SearchError } from './types.ts';

// Parses the query of `GET [type]?…` or the form body of `POST [type]/_search` into a SearchRequest.
// Comma-separated values are OR-ed; repeated parameters are separate, AND-ed clauses.

export type { SearchParameterLookup } from './parse-name.ts';

export interface ParseSearchOptions {
  /** `Prefer: handling=lenient`: unknown parameters are ignored instead of refused (bad values never are) */
  lenient: boolean;
  /** Page size without `_count` (default 20, itself capped at maxCount) */
  defaultCount?: number;
  /** Largest page size; a larger `_count` is capped (default 100) */
  maxCount?: number;
  /** Called with each parameter ignored under lenient handling, e.g. to warn and leave it out of the self link */
  onIgnored?: (name: string) => void;
}

/** Result parameters that may appear once; `_page` and `_cursor` share one slot. */
const ONCE: Record<string, string> = {
  _count: '_count',
  _sort: '_sort',
  _total: '_total',
  _summary: '_summary',
  _elements: '_elements',
  _format: '_format',
  _cursor: '_cursor',
  _page: '_cursor',
};

/** Parameters taking no modifier or chain, handled here rather than by the registry. */
const CONTROL = new Set([
  '_id',
  '_lastUpdated',
  '_count',
  '_sort',
  '_total',
  '_summary',
  '_include',
  '_revinclude',
  '_format',
  '_pretty',
  '_elements',
  '_cursor',
  '_page',
]);

function refuse(name: string, message: string): never {
  throw new SearchError(message, name);
}

export function parseSearch(
  resourceType: string,
  query: URLSearchParams,
  lookup: SearchParameterLookup,
  options: ParseSearchOptions = { lenient: false },
): SearchRequest {
  const maxCount = options.maxCount ?? 100;
  let count = Math.min(options.defaultCount ?? 20, maxCount);
  let total: SearchRequest['total'] = 'none';
  let summary: SummaryMode | undefined;
  let elements: string[] | undefined;
  let cursor: string | undefined;
  let ids: string[] | undefined;
  const lastUpdated: SearchValue[] = [];
  const clauses: SearchClause[] = [];
  const include: IncludeDirective[] = [];
  let sort: SortKey[] = [];
  const seen = new Set<string>();

  const ignore = (name: string, message: string): void => {
    if (!options.lenient) refuse(name, message);
    options.onIgnored?.(name);
  };

  for (const [name, raw] of query) {
    checkText(name, name, 'name');
    checkText(raw, name, 'value');
    if (name === '_has' || name.startsWith('_has:')) {
      refuse(name, 'Search parameter "_has" (reverse chaining) is not supported by this server');
    }
    const base = name.split(/[.:]/)[0] ?? name;
    if (CONTROL.has(base)) {
      if (base !== name) {
        refuse(name, `Search parameter ${JSON.stringify(name)}: ${base} takes no modifier or chain`);
      }
      if (raw === '') refuse(name, `Search parameter ${JSON.stringify(name)} has an empty value`);
      const slot = ONCE[name];
      if (slot !== undefined) {
        if (seen.has(slot)) refuse(name, `Search parameter ${JSON.stringify(name)} may appear only once`);
        seen.add(slot);
      }
    }
    switch (name) {
      case '_id': {
        const values = splitOrValues(raw, name).map((piece) => parseId(piece, name));
        if (ids === undefined) ids = values;
        else
          clauses.push({
            param: pseudoParameter(resourceType, '_id'),
            values: values.map((value) => ({ value })),
          });
        continue;
      }
      case '_lastUpdated': {
        const param = pseudoParameter(resourceType, '_lastUpdated');
        const values = parseValues(raw, param, undefined, name);
        const [only] = values;
        if (values.length === 1 && only !== undefined) lastUpdated.push(only);
        else clauses.push({ param, values });
        continue;
      }
      case '_count':
        count = parseCount(raw, maxCount);
        continue;
      case '_total':
        total = parseTotal(raw);
        continue;
      case '_summary':
        summary = parseSummary(raw);
        continue;
      case '_elements':
        elements = parseElements(raw);
        continue;
      case '_sort':
        sort = parseSort(raw, resourceType, lookup);
        continue;
      case '_include':
      case '_revinclude':
        include.push(parseInclude(raw, resourceType, lookup, name === '_revinclude'));
        continue;
      case '_cursor':
      case '_page':
        decodeCursor(raw, name);
        cursor = raw;
        continue;
      case '_format':
      case '_pretty':
        // Content negotiation (_format) and presentation belong to the HTTP layer.
        continue;
    }
    const resolved = resolveName(resourceType, name, lookup);
    if (resolved === undefined) {
      ignore(name, `Unknown search parameter ${JSON.stringify(name)} for ${resourceType}`);
      continue;
    }
    if (raw === '') refuse(name, `Search parameter ${JSON.stringify(name)} has an empty value`);
    const chained = resolved.chain.length > 0;
    const values = parseValues(raw, resolved.last, chained ? undefined : resolved.modifier, name);
    clauses.push({
      param: resolved.param,
      ...(resolved.modifier === undefined ? {} : { modifier: resolved.modifier }),
      ...(chained ? { chain: resolved.chain } : {}),
      values,
    });
  }

  // `_summary=count` and `_count=0` both ask for the total alone: no page, so no next page either.
  if (summary === 'count') count = 0;
  if (count === 0) total = 'accurate';
  const subset: SubsetOptions = {
    ...(summary === undefined || summary === 'count' ? {} : { summary }),
    ...(elements === undefined ? {} : { elements }),
  };
  return {
    resourceType,
    ...(ids === undefined ? {} : { ids }),
    ...(lastUpdated.length === 0 ? {} : { lastUpdated }),
    clauses,
    include,
    sort,
    count,
    ...(cursor === undefined ? {} : { cursor }),
    total,
    ...(count > 0 && subsets(subset) ? { subset } : {}),
  };
}
