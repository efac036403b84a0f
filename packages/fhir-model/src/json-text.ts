// The JSON text a request body was parsed from, kept beside the parsed value (by identity, while the value
// lives), so that code handing the body to another thread sends the text as it arrived instead of writing the
// value out again: the guide layer's worker threads validate a submitted Bundle from it. Only the FHIR API's
// body parser records texts, and nothing changes a body after it is parsed (handlers copy what they change).

const texts = new WeakMap<object, string>();

/** JSON.parse, remembering the text of an object or array it gives. */
export function parseRememberingText(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (value !== null && typeof value === 'object') texts.set(value, text);
  return value;
}

/** The text `value` was parsed from by parseRememberingText, if it was. */
export function jsonTextOf(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? texts.get(value) : undefined;
}
