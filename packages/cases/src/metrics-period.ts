import { CaseError } from './errors.ts';

/** Whole months, Taiwan time, both ends included: `from` ≤ `to`, each `YYYY-MM`. */
export interface MetricsPeriod {
  from: string;
  to: string;
}

/** The longest period one request may ask for. */
export const MAX_METRICS_MONTHS = 120;
/** Without `from`: this many months up to `to`. */
export const DEFAULT_METRICS_MONTHS = 12;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

function monthIndex(value: string): number {
  const match = MONTH.exec(value);
  return Number(match?.[1]) * 12 + Number(match?.[2]) - 1;
}

function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function checked(name: 'from' | 'to', value: string): string {
  if (!MONTH.test(value))
    throw new CaseError('malformed', `${name} must be a month, YYYY-MM (e.g. 2026-08); got "${value}"`, {
      expression: name,
    });
  return value;
}

/** The Taiwan calendar month of `at`. */
export function taipeiMonth(at: Date): string {
  return new Date(at.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 7);
}

/**
 * The period a request asks for: `to` defaults to this month (Taiwan time), `from` to
 * {@link DEFAULT_METRICS_MONTHS} months up to `to`. A month that is not `YYYY-MM`, `from` after `to`, or
 * more than {@link MAX_METRICS_MONTHS} months: a 'malformed' CaseError naming the parameter.
 */
export function metricsPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): MetricsPeriod {
  const to = query.to !== undefined ? checked('to', query.to) : taipeiMonth(now);
  const from =
    query.from !== undefined
      ? checked('from', query.from)
      : monthOf(monthIndex(to) - DEFAULT_METRICS_MONTHS + 1);
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months < 1)
    throw new CaseError('malformed', `from (${from}) must not be after to (${to})`, { expression: 'from' });
  if (months > MAX_METRICS_MONTHS)
    throw new CaseError('malformed', `a period of at most ${MAX_METRICS_MONTHS} months, not ${months}`, {
      expression: 'from',
    });
  return { from, to };
}

/** The period as a FHIR Period: the first instant of `from` to the last second of `to`, Taiwan time. */
export function fhirPeriod(period: MetricsPeriod): { start: string; end: string } {
  const next = monthOf(monthIndex(period.to) + 1);
  const end = new Date(Date.parse(`${next}-01T00:00:00+08:00`) - 1000 + TAIPEI_OFFSET_MS)
    .toISOString()
    .slice(0, 19);
  return { start: `${period.from}-01T00:00:00+08:00`, end: `${end}+08:00` };
}
