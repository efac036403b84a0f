/**
 * Times as the workflow writes them: FHIR dateTimes in Taiwan time (UTC+8 all year, no daylight
 * saving), to the second, so that `created`, the history extension and the audit records agree exactly.
 */
import { fail } from './errors.ts';

const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function checked(at: Date): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    fail('invalid-time', '時間格式不正確', 'the time is not a valid date');
  }
  return at;
}

/** `2024-07-30T10:15:00+08:00` */
export function fhirDateTime(at: Date): string {
  const local = new Date(checked(at).getTime() + TAIPEI_OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** The Taiwan calendar date: `2024-07-30`. */
export function taipeiDate(at: Date): string {
  return fhirDateTime(at).slice(0, 10);
}

/** The Taiwan calendar date without separators: `20240730`. */
export function taipeiCompactDate(at: Date): string {
  return taipeiDate(at).replaceAll('-', '');
}

/** Milliseconds since the epoch of a FHIR date or dateTime (a bare date counts as its start in Taiwan). */
export function fhirTime(value: string): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  return Date.parse(date);
}

/** Whole calendar days from date `a` to date `b` (both `YYYY-MM-DD…`; only the date part counts). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / DAY_MS);
}
