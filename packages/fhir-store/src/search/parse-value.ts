import { parseDateValue, parseNumberValue } from './parse-date.ts';
import { splitOrValues, splitUnescaped, unescapeValue } from './parse-text.ts';
import type { SearchParameterDef, SearchValue } from './types.ts';
import { SearchError } from './types.ts';

// The values of one parameter occurrence, parsed by the type of the parameter they test (the last link
// of a chain) and its modifier. Values stay data: nothing here is ever spliced into SQL.

const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

function fail(expression: string, message: string): never {
  throw new SearchError(`Search parameter ${JSON.stringify(expression)}: ${message}`, expression);
}

/** A resource id as FHIR defines it: 1–64 of A–Z a–z 0–9 `-` `.`. */
export function parseId(raw: string, expression: string): string {
  const id = unescapeValue(raw, expression);
  if (!FHIR_ID.test(id))
    fail(expression, `${JSON.stringify(id)} is not a resource id (1-64 of A-Z a-z 0-9 - .)`);
  return id;
}

/** `system|code`, `|code` (no system), `system|` (any code of the system) or `code` (any system). */
export function parseToken(raw: string, expression: string): SearchValue {
  const parts = splitUnescaped(raw, '|');
  const value = unescapeValue(raw, expression);
  if (parts.length === 1) return { value, code: value };
  if (parts.length > 2)
    fail(expression, `${JSON.stringify(value)} has more than one "|"; escape a literal one as "\\|"`);
  const system = unescapeValue(parts[0] ?? '', expression);
  const code = unescapeValue(parts[1] ?? '', expression);
  if (system === '' && code === '') fail(expression, '"|" needs a system, a code or both');
  if (system === '') return { value, system: null, code };
  if (code === '') return { value, system };
  return { value, system, code };
}

/** `:of-type` on an identifier: `type-system|type-code|identifier-value` → system, code, value. */
function parseOfType(raw: string, expression: string): SearchValue {
  const parts = splitUnescaped(raw, '|').map((part) => unescapeValue(part, expression));
  const [system, code, value] = parts;
  if (parts.length !== 3 || !system || !code || !value) {
    fail(expression, ':of-type needs "type-system|type-code|identifier-value"');
  }
  return { value, system, code };
}

/** `Type/id`, a plain `id` (one possible target type, or a `:Type` modifier), or an absolute URL ending in `Type/id`. */
function parseReference(
  raw: string,
  def: SearchParameterDef,
  typeModifier: string | undefined,
  expression: string,
): SearchValue {
  const text = unescapeValue(raw, expression);
  let segments: string[];
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
    if (!/^https?:\/\//.test(text))
      fail(
        expression,
        `${JSON.stringify(text)} is not a reference of the form Type/id or an http(s) URL ending in Type/id`,
      );
    let path: string;
    try {
      path = new URL(text).pathname;
    } catch {
      return fail(expression, `${JSON.stringify(text)} is not a valid URL`);
    }
    segments = path
      .split('/')
      .filter((segment) => segment !== '')
      .slice(-2);
    if (segments.length < 2) fail(expression, `the URL ${JSON.stringify(text)} does not end in Type/id`);
  } else {
    segments = text.split('/');
  }
  let type: string | undefined;
  let id: string | undefined;
  if (segments.length === 1) {
    id = segments[0];
    type = typeModifier ?? (def.targets?.length === 1 ? def.targets[0] : undefined);
    if (type === undefined) {
      fail(
        expression,
        `the plain id ${JSON.stringify(text)} is ambiguous: write Type/id or use a :Type modifier (one of ${(def.targets ?? []).join(', ')})`,
      );
    }
  } else if (segments.length === 2) {
    [type, id] = segments;
  } else {
    fail(expression, `${JSON.stringify(text)} is not a reference of the form Type/id`);
  }
  if (type === undefined || !RESOURCE_TYPE.test(type))
    fail(expression, `${JSON.stringify(text)} does not name a resource type`);
  if (id === undefined || !FHIR_ID.test(id))
    fail(expression, `${JSON.stringify(text)} does not end in a resource id (1-64 of A-Z a-z 0-9 - .)`);
  if (typeModifier !== undefined && type !== typeModifier)
    fail(expression, `${JSON.stringify(text)} is not a ${typeModifier}`);
  if (def.targets && !def.targets.includes(type)) {
    fail(expression, `${def.code} refers to ${def.targets.join(' or ')}, not ${type}`);
  }
  return { value: `${type}/${id}` };
}

/** `[prefix]number`, `[prefix]number|system|code` or `[prefix]number||code`. */
function parseQuantity(raw: string, expression: string): SearchValue {
  const parts = splitUnescaped(raw, '|');
  if (parts.length !== 1 && parts.length !== 3)
    fail(expression, `${JSON.stringify(raw)} is not number, number|system|code or number||code`);
  const number = parseNumberValue(parts[0] ?? '', expression);
  const system = unescapeValue(parts[1] ?? '', expression);
  const code = unescapeValue(parts[2] ?? '', expression);
  return { ...number, ...(system ? { system } : {}), ...(code ? { code } : {}) };
}

function parseOne(
  raw: string,
  def: SearchParameterDef,
  modifier: string | undefined,
  expression: string,
): SearchValue {
  if (modifier === 'missing') {
    if (raw !== 'true' && raw !== 'false') fail(expression, ':missing takes true or false');
    return { value: raw };
  }
  switch (def.type) {
    case 'string':
    case 'uri':
      return { value: unescapeValue(raw, expression) };
    case 'token':
      if (def.code === '_id') return { value: parseId(raw, expression) };
      if (modifier === 'text') return { value: unescapeValue(raw, expression) };
      if (modifier === 'of-type') return parseOfType(raw, expression);
      return parseToken(raw, expression);
    case 'reference':
      if (modifier === 'identifier') return parseToken(raw, expression);
      return parseReference(raw, def, modifier, expression);
    case 'date':
      return parseDateValue(raw, expression);
    case 'number':
      return parseNumberValue(raw, expression);
    case 'quantity':
      return parseQuantity(raw, expression);
  }
}

/**
 * The comma-separated (OR-ed) values of one occurrence of a parameter. `modifier` is the already
 * validated modifier of the link `def` (for a reference, a resource type such as `Patient` is allowed).
 */
export function parseValues(
  raw: string,
  def: SearchParameterDef,
  modifier: string | undefined,
  expression: string,
): SearchValue[] {
  return splitOrValues(raw, expression).map((piece) => parseOne(piece, def, modifier, expression));
}
