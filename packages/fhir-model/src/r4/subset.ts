/**
 * `_summary` and `_elements` (FHIR R4 search, "Summary" and "Elements"), for read and search alike:
 * - `_summary=true`: only the elements marked `isSummary` in the base definition (inside backbone elements
 *   too; data types are kept whole);
 * - `_summary=text`: `text`, `id`, `meta` and the top-level mandatory elements;
 * - `_summary=data`: everything but `text`;
 * - `_summary=count`: searches only, answered with the total alone (no resource is subsetted);
 * - `_summary=false`: the full resource;
 * - `_elements=a,b`: the listed top-level elements, with `resourceType`, `id` and `meta` always kept.
 * A subsetted resource is marked with the `SUBSETTED` tag. Included resources of a search are not subsetted.
 */

import { FhirRequestError } from '../request-error.ts';
import type { Coding } from '../types.ts';
import { type R4Elements, type R4Type, r4Elements } from './elements.ts';

export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';

export interface SubsetOptions {
  summary?: SummaryMode;
  /** Top-level element names (`gender`, or `Patient.gender`), choice elements without their type (`value`) */
  elements?: readonly string[];
}

export const SUBSETTED: Readonly<Coding> = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
};

const SUMMARY_MODES: readonly SummaryMode[] = ['true', 'text', 'data', 'count', 'false'];
const ALWAYS = new Set(['resourceType', 'id', 'meta']);
const ELEMENT_NAME = /^(?:[A-Z][A-Za-z]*\.)?[a-z][A-Za-z0-9]*$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(parameter: string, diagnostics: string): FhirRequestError {
  return new FhirRequestError(400, [{ code: 'invalid', diagnostics, expression: parameter }]);
}

/** `_summary`: one of true, text, data, count, false (400 otherwise). */
export function parseSummary(raw: string): SummaryMode {
  const mode = SUMMARY_MODES.find((candidate) => candidate === raw);
  if (!mode) throw invalid('_summary', `_summary=${raw} is not one of ${SUMMARY_MODES.join(', ')}`);
  return mode;
}

/** `_elements=a,b,Type.c`: element names (400 for anything else). */
export function parseElements(raw: string): string[] {
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!ELEMENT_NAME.test(name))
      throw invalid('_elements', `_elements: ${JSON.stringify(name)} is not an element name`);
  }
  return names;
}

/**
 * `_summary` and `_elements` of a read's query string; each may appear once. `count` is for searches only.
 * Other parameters are left to the caller.
 */
export function parseSubsetQuery(query: URLSearchParams): SubsetOptions {
  const options: SubsetOptions = {};
  for (const name of ['_summary', '_elements'] as const) {
    const values = query.getAll(name);
    if (values.length > 1) throw invalid(name, `${name} may appear only once`);
  }
  const summary = query.get('_summary');
  if (summary !== null) {
    options.summary = parseSummary(summary);
    if (options.summary === 'count')
      throw invalid('_summary', '_summary=count asks a search for its total; a read returns a resource');
  }
  const elements = query.get('_elements');
  if (elements !== null) options.elements = parseElements(elements);
  return options;
}

/** Whether the options would change a resource at all. */
export function subsets(options: SubsetOptions): boolean {
  return (
    options.elements !== undefined ||
    options.summary === 'true' ||
    options.summary === 'text' ||
    options.summary === 'data'
  );
}

/**
 * The resource as `_summary`/`_elements` ask for it: a new object (the input is not changed), marked
 * SUBSETTED when anything may have been left out; the resource itself when nothing is asked.
 */
export function subsetResource<T extends { resourceType: string }>(
  resource: T,
  options: SubsetOptions,
  table: R4Elements = r4Elements(),
): T {
  if (!subsets(options)) return resource;
  const type = table.type(resource.resourceType);
  let result: Json = { ...(resource as unknown as Json) };
  if (type && options.summary === 'true') result = summaryOf(result, type, table, true);
  if (type && options.summary === 'text') {
    result = pick(result, type, (name, element) => name === 'text' || (element?.min ?? 0) > 0);
  }
  if (options.summary === 'data') delete result.text;
  if (options.elements) {
    const wanted = new Set(options.elements.map((name) => name.replace(/^[A-Z][A-Za-z]*\./, '')));
    result = type
      ? pick(result, type, (_name, element) => element !== undefined && wanted.has(element.name))
      : Object.fromEntries(Object.entries(result).filter(([key]) => ALWAYS.has(key) || wanted.has(key)));
  }
  return withSubsettedTag(result) as unknown as T;
}

/** Keeps `resourceType`, `id`, `meta` and the properties (and their `_` siblings) the test accepts. */
function pick(
  object: Json,
  type: R4Type,
  keep: (name: string, element: ReturnType<R4Type['properties']['get']>) => boolean,
): Json {
  return Object.fromEntries(
    Object.entries(object).filter(([key]) => {
      if (ALWAYS.has(key)) return true;
      const property = key.startsWith('_') ? key.slice(1) : key;
      const element = type.properties.get(property);
      return keep(element?.name ?? property, element);
    }),
  );
}

/** The summary elements of an object; backbone elements are filtered the same way, data types kept whole. */
function summaryOf(object: Json, type: R4Type, table: R4Elements, top: boolean): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(object)) {
    if (top && ALWAYS.has(key)) {
      result[key] = value;
      continue;
    }
    const element = type.properties.get(key.startsWith('_') ? key.slice(1) : key);
    if (!element?.summary) continue;
    const backbone = element.type?.includes('.') ? table.type(element.type) : undefined;
    if (!backbone) {
      result[key] = value;
      continue;
    }
    result[key] = Array.isArray(value)
      ? value.map((item) => (isObject(item) ? summaryOf(item, backbone, table, false) : item))
      : isObject(value)
        ? summaryOf(value, backbone, table, false)
        : value;
  }
  return result;
}

function withSubsettedTag(resource: Json): Json {
  const meta = isObject(resource.meta) ? resource.meta : {};
  const tags = Array.isArray(meta.tag) ? (meta.tag as Coding[]) : [];
  if (tags.some((tag) => tag.system === SUBSETTED.system && tag.code === SUBSETTED.code)) return resource;
  const { resourceType, id, ...rest } = resource;
  return {
    resourceType,
    ...(id === undefined ? {} : { id }),
    ...rest,
    meta: { ...meta, tag: [...tags, { ...SUBSETTED }] },
  };
}
