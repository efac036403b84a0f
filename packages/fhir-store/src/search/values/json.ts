// Safe readers for untyped FHIR JSON: every index extractor reads through these, so odd data is skipped
// instead of throwing.

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string property, or null. */
export function stringField(value: unknown, key: string): string | null {
  if (!isObject(value)) return null;
  const field = value[key];
  return typeof field === 'string' && field.length > 0 ? field : null;
}

/** The object items of an array property (a lone object counts as one item). */
export function objectList(value: unknown, key: string): JsonObject[] {
  if (!isObject(value)) return [];
  const field = value[key];
  if (Array.isArray(field)) return field.filter(isObject);
  return isObject(field) ? [field] : [];
}

/** The non-empty string items of an array property (a lone string counts as one item). */
export function stringList(value: unknown, key: string): string[] {
  if (!isObject(value)) return [];
  const field = value[key];
  const items: unknown[] = Array.isArray(field) ? field : [field];
  return items.filter((item): item is string => typeof item === 'string' && item.length > 0);
}
