import { SearchError } from './types.ts';

// Text-level checks and the FHIR search escape rules (`\,` `\$` `\|` `\\`), shared by every value parser.

/** Longest parameter name or value accepted, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 512;

const ESCAPABLE = new Set([',', '$', '|', '\\']);

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Refuses a parameter name or value that is too long or contains control characters. */
export function checkText(text: string, expression: string, what: 'name' | 'value'): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new SearchError(
      `The ${what} of search parameter ${JSON.stringify(expression)} is longer than ${MAX_TEXT_LENGTH} characters`,
      expression,
    );
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isControl(code)) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw new SearchError(
        `The ${what} of search parameter ${JSON.stringify(expression)} contains the control character U+${hex}`,
        expression,
      );
    }
  }
}

/** Splits on every `separator` not preceded by a backslash escape; the pieces keep their escapes. */
export function splitUnescaped(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '\\' && i + 1 < text.length) {
      current += char + text.charAt(i + 1);
      i += 1;
    } else if (char === separator) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

/** Resolves the escapes `\,` `\$` `\|` `\\`; any other backslash is refused. */
export function unescapeValue(text: string, expression: string): string {
  let result = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char !== '\\') {
      result += char;
      continue;
    }
    const next = text.charAt(i + 1);
    if (!ESCAPABLE.has(next)) {
      throw new SearchError(
        `Search parameter ${JSON.stringify(expression)} has a backslash that does not escape "," "$" "|" or "\\"; write "\\\\" for a backslash`,
        expression,
      );
    }
    result += next;
    i += 1;
  }
  return result;
}

/** The comma-separated (OR-ed) values of one parameter occurrence, still escaped; none may be empty. */
export function splitOrValues(raw: string, expression: string): string[] {
  const pieces = splitUnescaped(raw, ',');
  if (pieces.some((piece) => piece === '')) {
    throw new SearchError(`Search parameter ${JSON.stringify(expression)} has an empty value`, expression);
  }
  return pieces;
}
