/** Small, typed-enough edits of a Bundle copy for the broken-variant tests. */
import type { Json } from './examples.ts';

export function entries(bundle: Json): Json[] {
  return bundle.entry as Json[];
}

/** The resource of entry i. */
export function resource(bundle: Json, index: number): Json {
  const entry = entries(bundle)[index];
  if (!entry) throw new Error(`no entry ${index}`);
  return entry.resource as Json;
}

export function claim(bundle: Json): Json {
  return resource(bundle, 0);
}

/** Element i of an array property. */
export function at(object: Json, key: string, index: number): Json {
  const value = (object[key] as Json[] | undefined)?.[index];
  if (!value) throw new Error(`no ${key}[${index}]`);
  return value;
}

/** The first coding of a CodeableConcept property. */
export function firstCoding(object: Json, key: string): Json {
  return at(object[key] as Json, 'coding', 0);
}
