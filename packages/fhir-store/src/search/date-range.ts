// FHIR date, dateTime and instant values as the [start, end] instants they cover (in UTC).

import { SearchError } from './types.ts';

export interface DateRange {
  start: Date;
  end: Date;
}

/** Lower bound of an open period start. */
export const FAR_PAST = new Date('0001-01-01T00:00:00.000Z');
/** Upper bound of an open period end. */
export const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function part(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/**
 * The instants covered by a date, dateTime or instant at its precision: `2024` is the whole year,
 * `2024-03` the month, `2024-03-05` the day (all in UTC), `…T10:20:30+08:00` one second, `….5` 100 ms.
 * A time without a zone is read as UTC. Returns null for anything that is not a valid value; given the
 * FHIRPath-ish `expression` of a query value instead, it throws a SearchError (400) for one.
 */
export function dateRange(value: string): DateRange | null;
export function dateRange(value: string, expression: string): DateRange;
export function dateRange(value: string, expression?: string): DateRange | null {
  const range = parseRange(value);
  if (range === null && expression !== undefined) {
    throw new SearchError(`Invalid date or dateTime: ${value}`, expression);
  }
  return range;
}

function parseRange(value: string): DateRange | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = part(mo);
  const day = part(d);
  const hour = part(h);
  const minute = part(mi);
  const second = part(s);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month - 1)))
    return null;
  if (hour !== undefined && hour > 23) return null;
  if (minute !== undefined && minute > 59) return null;
  if (second !== undefined && second > 60) return null;
  const offset = offsetMinutes(zone);
  if (offset === null) return null;

  if (month === undefined) return span(utc(year, 0, 1), utc(year + 1, 0, 1));
  if (day === undefined) return span(utc(year, month - 1, 1), utc(year, month, 1));
  if (hour === undefined || minute === undefined)
    return span(utc(year, month - 1, day), utc(year, month - 1, day + 1));

  const shift = offset * 60_000;
  if (second === undefined) {
    const start = utc(year, month - 1, day, hour, minute) - shift;
    return span(start, start + 60_000);
  }
  // A leap second (60) is folded into the last second of the minute.
  const wholeSecond = Math.min(second, 59);
  const base = utc(year, month - 1, day, hour, minute, wholeSecond) - shift;
  if (fraction === undefined) return span(base, base + 1000);
  const digits = fraction.slice(0, 3);
  const unit = 10 ** (3 - digits.length);
  const start = base + Number(digits) * unit;
  return span(start, start + unit);
}

/** [start, endExclusive) as a range whose end is the last millisecond covered. */
function span(start: number, endExclusive: number): DateRange {
  return { start: new Date(start), end: new Date(endExclusive - 1) };
}

/**
 * A FHIR Period: from the start of `start`'s precision to the end of `end`'s precision. A missing start is
 * FAR_PAST, a missing end FAR_FUTURE; null when both are missing, either is invalid or they are reversed.
 */
export function periodRange(start: unknown, end: unknown): DateRange | null {
  if (absent(start) && absent(end)) return null;
  const from = absent(start) ? { start: FAR_PAST, end: FAR_PAST } : asRange(start);
  const to = absent(end) ? { start: FAR_FUTURE, end: FAR_FUTURE } : asRange(end);
  if (!from || !to || from.start.getTime() > to.end.getTime()) return null;
  return { start: from.start, end: to.end };
}

function asRange(value: unknown): DateRange | null {
  return typeof value === 'string' ? parseRange(value) : null;
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}
