import { ScopeError } from './errors.ts';
import type { ScopeParam } from './types.ts';

/** Parses the text after `?` of a granular scope into decoded `[name, value]` pairs, in order. */
export function parseParams(scope: string, query: string): ScopeParam[] {
  if (query === '') {
    throw new ScopeError(scope, 'params-empty', 'a "?" must be followed by at least one name=value pair');
  }
  return query.split('&').map((pair) => parsePair(scope, pair));
}

function parsePair(scope: string, pair: string): ScopeParam {
  const eq = pair.indexOf('=');
  if (eq < 0) {
    const detail =
      pair === ''
        ? 'an empty parameter between "&" separators'
        : `parameter "${pair}" has no "=value"; granular scopes need name=value pairs`;
    throw new ScopeError(scope, 'param-syntax', detail);
  }
  const name = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  if (name === '')
    throw new ScopeError(scope, 'param-name-empty', `parameter "${pair}" has no name before "="`);
  if (value === '')
    throw new ScopeError(scope, 'param-value-empty', `parameter "${name}" has an empty value`);
  return [decode(scope, name), decode(scope, value)];
}

function decode(scope: string, text: string): string {
  try {
    // `+` stays a plus sign: scopes are not form-encoded.
    return decodeURIComponent(text);
  } catch {
    throw new ScopeError(scope, 'param-encoding', `"${text}" contains a malformed percent-escape`);
  }
}

// `%&=+#` would change the meaning or be misread by a form decoder; `"` and `\` are not allowed in
// OAuth scope tokens; space, controls and non-ASCII are escaped as UTF-8.
const ESCAPED = new Set(['"', '#', '%', '&', '+', '=', '\\']);

function keepsAsIs(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e && !ESCAPED.has(char);
}

/** Percent-encodes a decoded name or value so that `parseParams` reads it back unchanged. */
export function encodeParamText(text: string): string {
  let out = '';
  for (const char of text) out += keepsAsIs(char) ? char : encodeURIComponent(char);
  return out;
}

/** Whether every pair in `inner` also appears in `outer` (so `outer` is at least as narrow). */
export function paramsInclude(outer: ReadonlyArray<ScopeParam>, inner: ReadonlyArray<ScopeParam>): boolean {
  return inner.every(([name, value]) => outer.some(([n, v]) => n === name && v === value));
}

/** A stable text key for a list of params, used to deduplicate. */
export function paramsKey(params: ReadonlyArray<ScopeParam>): string {
  return params.map(([name, value]) => `${encodeParamText(name)}=${encodeParamText(value)}`).join('&');
}
