/** Defensive reading of untrusted JSON: nothing here assumes the input has the FHIR shape. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a list: arrays as they are, a missing value as [], anything else as [value]. */
export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** The objects among the value's items, each with its index in the original array. */
export function objects(value: unknown): { item: JsonObject; index: number }[] {
  return list(value).flatMap((item, index) => (isObject(item) ? [{ item, index }] : []));
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether an element has a value in FHIR's sense (not absent, not empty). */
export function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(present);
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

export interface CodingValue {
  system?: string;
  code?: string;
  /** index of the coding in CodeableConcept.coding */
  index: number;
}

/** The codings of a CodeableConcept. */
export function codings(concept: unknown): CodingValue[] {
  if (!isObject(concept)) return [];
  return objects(concept.coding).map(({ item, index }) => {
    const coding: CodingValue = { index };
    const system = str(item.system);
    const code = str(item.code);
    if (system !== undefined) coding.system = system;
    if (code !== undefined) coding.code = code;
    return coding;
  });
}

/** The code of the first coding from the system, if any. */
export function codeIn(concept: unknown, system: string): string | undefined {
  return codings(concept).find((c) => c.system === system)?.code;
}

/** Keys of a choice element `name[x]` present on the object, e.g. valueQuantity for value[x]. */
export function choiceKeys(object: JsonObject, name: string): string[] {
  return Object.keys(object).filter(
    (key) => key.startsWith(name) && key.length > name.length && /[A-Z]/.test(key.charAt(name.length)),
  );
}

/** Medplum's isEmpty (null, undefined, '', [] or {}), without making an array of an object's keys. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value === '';
  if (typeof value !== 'object') return false;
  if ('length' in value && (value.length as number) > 0) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}
