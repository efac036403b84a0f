import { parseElements as elementNames, FhirRequestError, type SummaryMode } from '@openpas/fhir-model';
import type { SearchParameterLookup } from './parse-name.ts';
import type { IncludeDirective, SearchParamType, SortKey } from './types.ts';
import { SearchError } from './types.ts';

// The result parameters: _count, _sort, _total, _summary, _elements, _include and _revinclude.

const SORTABLE: ReadonlySet<SearchParamType> = new Set<SearchParamType>([
  'date',
  'string',
  'token',
  'number',
]);
const INCLUDE = /^([A-Z][A-Za-z]+):([A-Za-z][A-Za-z0-9_-]*)(?::([A-Z][A-Za-z]+))?$/;

function fail(expression: string, message: string): never {
  throw new SearchError(`Search parameter ${JSON.stringify(expression)}: ${message}`, expression);
}

/** `_count`: a non-negative integer; larger than `maxCount` is capped, not refused. */
export function parseCount(raw: string, maxCount: number): number {
  if (!/^\d+$/.test(raw)) fail('_count', `${JSON.stringify(raw)} is not a non-negative integer`);
  return Math.min(Number(raw), maxCount);
}

/** `_total`: `none`, `accurate`, or `estimate` (answered accurately). */
export function parseTotal(raw: string): 'none' | 'accurate' {
  if (raw === 'none') return 'none';
  if (raw === 'accurate' || raw === 'estimate') return 'accurate';
  return fail('_total', `${JSON.stringify(raw)} is not none, estimate or accurate`);
}

/** `_summary`: `count` (only the total), `true`, `text`, `data` (subsetted matches) or `false` (full ones). */
export function parseSummary(raw: string): SummaryMode {
  if (raw === 'true' || raw === 'text' || raw === 'data' || raw === 'count' || raw === 'false') return raw;
  return fail('_summary', `${JSON.stringify(raw)} is not true, text, data, count or false`);
}

/** `_elements=a,b`: the top-level elements each match keeps (with resourceType, id and meta). */
export function parseElements(raw: string): string[] {
  try {
    return elementNames(raw);
  } catch (error) {
    if (error instanceof FhirRequestError) fail('_elements', error.message.replace(/^_elements: /, ''));
    throw error;
  }
}

/** `_sort=a,-b`: `_id`, `_lastUpdated`, or a date, string, token or number parameter of the searched type. */
export function parseSort(raw: string, resourceType: string, lookup: SearchParameterLookup): SortKey[] {
  return raw.split(',').map((item): SortKey => {
    const descending = item.startsWith('-');
    const code = descending ? item.slice(1) : item;
    if (code === '') fail('_sort', 'has an empty sort key');
    if (code === '_id' || code === '_lastUpdated') return { param: code, descending };
    const def = /^[A-Za-z][A-Za-z0-9_-]*$/.test(code) ? lookup(resourceType, code) : undefined;
    if (def === undefined)
      fail('_sort', `${JSON.stringify(code)} is not a search parameter of ${resourceType}`);
    if (!SORTABLE.has(def.type))
      fail('_sort', `cannot sort by ${code}, a ${def.type} parameter (only date, string, token, number)`);
    return { param: def, descending };
  });
}

/**
 * `_include=Source:param[:Target]` (Source must be the searched type) or, with `reverse`,
 * `_revinclude=Source:param[:Target]` (param must be able to point at the searched type).
 */
export function parseInclude(
  raw: string,
  resourceType: string,
  lookup: SearchParameterLookup,
  reverse: boolean,
): IncludeDirective {
  const expression = reverse ? '_revinclude' : '_include';
  if (raw.includes('*')) fail(expression, 'wildcards ("*") are not supported; name each Type:parameter');
  const match = INCLUDE.exec(raw);
  if (!match)
    fail(expression, `${JSON.stringify(raw)} is not of the form Type:parameter or Type:parameter:TargetType`);
  const [, sourceType = '', code = '', targetType] = match;
  if (!reverse && sourceType !== resourceType) {
    fail(
      expression,
      `${JSON.stringify(raw)} starts from ${sourceType}, but the search is on ${resourceType}`,
    );
  }
  const def = lookup(sourceType, code);
  if (def === undefined) fail(expression, `${code} is not a search parameter of ${sourceType}`);
  if (def.type !== 'reference')
    fail(expression, `${sourceType}:${code} is a ${def.type} parameter, not a reference`);
  if (targetType !== undefined && def.targets && !def.targets.includes(targetType)) {
    fail(expression, `${sourceType}:${code} refers to ${def.targets.join(' or ')}, not ${targetType}`);
  }
  if (reverse) {
    const pointsHere =
      targetType === undefined
        ? !def.targets || def.targets.includes(resourceType)
        : targetType === resourceType;
    if (!pointsHere)
      fail(expression, `${sourceType}:${code} cannot refer to ${resourceType}, the searched type`);
  }
  return { sourceType, param: def, reverse, ...(targetType === undefined ? {} : { targetType }) };
}
