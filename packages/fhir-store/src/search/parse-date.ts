import { unescapeValue } from './parse-text.ts';
import type { DatePrefix, SearchValue } from './types.ts';
import { SearchError } from './types.ts';

// Prefixed values of date, number and quantity parameters, and the FHIR date/dateTime check.

const PREFIXES: ReadonlySet<string> = new Set<DatePrefix>([
  'eq',
  'ne',
  'gt',
  'lt',
  'ge',
  'le',
  'sa',
  'eb',
  'ap',
]);

function isPrefix(text: string): text is DatePrefix {
  return PREFIXES.has(text);
}

/** Splits a leading comparison prefix off a value; without one the prefix is `eq`. */
export function splitPrefix(text: string): { prefix: DatePrefix; rest: string } {
  const head = text.slice(0, 2);
  if (isPrefix(head)) return { prefix: head, rest: text.slice(2) };
  return { prefix: 'eq', rest: text };
}

// YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff…]] with a zone (Z or ±hh:mm).
const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?)?)?$/;

// A `+` of an unencoded zone arrives as a space once the query string is form-decoded.
const SPACE_FOR_PLUS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?) (\d{2}:\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `text` is a FHIR date or dateTime (a time needs a zone) naming a real calendar instant. */
export function isFhirDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, zh, zm] = match;
  const year = Number(y);
  if (year < 1) return false;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined && (Number(d) < 1 || Number(d) > daysIn(year, Number(mo)))) return false;
  if (h !== undefined && Number(h) > 23) return false;
  if (mi !== undefined && Number(mi) > 59) return false;
  if (s !== undefined && Number(s) > 59) return false;
  if (zh !== undefined && (Number(zh) > 14 || Number(zm) > 59)) return false;
  return true;
}

/** A date value: optional prefix, then a FHIR date/dateTime. */
export function parseDateValue(raw: string, expression: string): SearchValue {
  const { prefix, rest } = splitPrefix(raw);
  const text = unescapeValue(rest, expression).replace(SPACE_FOR_PLUS, '$1+$2');
  if (!isFhirDate(text)) {
    throw new SearchError(
      `Search parameter ${JSON.stringify(expression)}: ${JSON.stringify(raw)} is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with Z or ±hh:mm), optionally after a prefix eq ne gt lt ge le sa eb ap`,
      expression,
    );
  }
  return { prefix, value: text };
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A number value: optional prefix, then a decimal number. */
export function parseNumberValue(raw: string, expression: string): SearchValue {
  const { prefix, rest } = splitPrefix(raw);
  const text = unescapeValue(rest, expression);
  if (!NUMBER.test(text)) {
    throw new SearchError(
      `Search parameter ${JSON.stringify(expression)}: ${JSON.stringify(raw)} is not a number, optionally after a prefix eq ne gt lt ge le sa eb ap`,
      expression,
    );
  }
  return { prefix, value: text };
}
