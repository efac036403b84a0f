import type { SqlRunner } from '@openpas/db';
import { type Caller, isPayerReviewer, permit } from '@openpas/fhir-store';
import { CaseError } from './errors.ts';
import { type MetricsPeriod, metricsPeriod } from './metrics-period.ts';

// The payer's decision metrics (GET ClaimResponse/$decision-metrics), counted by the database from
// case_metrics — one row per decided case, kept by a trigger on the case's ClaimResponse (see the
// migration 20261205113009_case_metrics): each case by its first decision, in the month (Taiwan time) of
// that decision. One statement: the overall numbers, by hospital and by month as grouping sets, and by
// drug over the drug codes unnested (a case asking for two drugs counts once under each).
//
// The statement reads every decided case of the period (some hundred ms at 100,000 cases), so each answer
// is kept in this process with the value of case_metrics_version it was computed at — a counter the same
// trigger raises in the transaction that adds or changes a row — and given again while that value stands.
// The counter is read first: a change committed between the two reads makes a newer answer under the older
// value, which the next request replaces; an answer older than the data is never given.

/** Counts and times of one group of decided cases. Decision time: 已受理 → 審畢結果, in hours. */
export interface MetricsCounts {
  decided: number;
  approved: number;
  /** Denied (every item 2 不予同意), 退件 (5) counted with them */
  denied: number;
  partial: number;
  documentsNeeded: number;
  /** Continued by a 申復 or 爭議審議 (subType 3 or 4) Claim */
  appealed: number;
  /** Cases with both times known (the decision-time population) */
  timed: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface HospitalMetrics extends MetricsCounts {
  /** 醫事機構代碼 */
  code: string;
  name: string;
}

export interface DrugMetrics extends MetricsCounts {
  /** NHI drug code (nhi-medication) */
  code: string;
}

export interface MonthMetrics extends MetricsCounts {
  /** YYYY-MM, Taiwan time */
  month: string;
}

export interface DecisionMetrics {
  period: MetricsPeriod;
  overall: MetricsCounts;
  hospitals: HospitalMetrics[];
  drugs: DrugMetrics[];
  months: MonthMetrics[];
}

export interface MetricsQuery {
  from?: string | undefined;
  to?: string | undefined;
}

const HOURS = 'extract(epoch FROM (m.decided_at - m.accepted_at)) / 3600.0';
const COUNTS = `count(*)::int AS decided,
       count(*) FILTER (WHERE m.outcome = 'approved')::int AS approved,
       count(*) FILTER (WHERE m.outcome = 'denied')::int AS denied,
       count(*) FILTER (WHERE m.outcome = 'partial')::int AS partial,
       count(*) FILTER (WHERE m.outcome = 'documents-needed')::int AS documents_needed,
       count(*) FILTER (WHERE m.appealed)::int AS appealed,
       count(m.accepted_at)::int AS timed,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS}) AS median_hours,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY ${HOURS}) AS p90_hours`;

// Grouped on the narrow rows of case_metrics alone (the hospital's code and name joined to the few groups
// after), so the sorts the percentiles need stay small.
export const METRICS_SQL = `
WITH grouped AS (
  SELECT grouping(m.owner_organization) AS by_other, grouping(m.decided_month) AS by_not_month,
         m.owner_organization, m.decided_month, ${COUNTS}
    FROM case_metrics m
   WHERE m.decided_month >= $1 AND m.decided_month <= $2
   GROUP BY GROUPING SETS ((), (m.owner_organization), (m.decided_month))
)
SELECT CASE WHEN g.by_other = 0 THEN 'hospital' WHEN g.by_not_month = 0 THEN 'month' ELSE 'overall' END AS breakdown,
       CASE WHEN g.by_other = 0 THEN coalesce(o.nhi_code, '') WHEN g.by_not_month = 0 THEN g.decided_month END AS key,
       CASE WHEN g.by_other = 0 THEN coalesce(o.name, '') END AS label,
       g.decided, g.approved, g.denied, g.partial, g.documents_needed, g.appealed, g.timed, g.median_hours, g.p90_hours
  FROM grouped g
  LEFT JOIN organization o ON g.by_other = 0 AND o.id = g.owner_organization
UNION ALL
SELECT 'drug', drug, NULL, ${COUNTS}
  FROM case_metrics m, unnest(coalesce(m.drug_codes, '{}')) AS drug
 WHERE m.decided_month >= $1 AND m.decided_month <= $2
 GROUP BY drug
ORDER BY 1, 2`;

interface MetricsRow extends Record<string, unknown> {
  breakdown: 'overall' | 'hospital' | 'month' | 'drug';
  key: string | null;
  label: string | null;
  decided: number;
  approved: number;
  denied: number;
  partial: number;
  documents_needed: number;
  appealed: number;
  timed: number;
  median_hours: number | string | null;
  p90_hours: number | string | null;
}

const hours = (value: number | string | null): number | null => (value === null ? null : Number(value));

function countsOf(row: MetricsRow | undefined): MetricsCounts {
  if (!row)
    return {
      decided: 0,
      approved: 0,
      denied: 0,
      partial: 0,
      documentsNeeded: 0,
      appealed: 0,
      timed: 0,
      medianHours: null,
      p90Hours: null,
    };
  return {
    decided: Number(row.decided),
    approved: Number(row.approved),
    denied: Number(row.denied),
    partial: Number(row.partial),
    documentsNeeded: Number(row.documents_needed),
    appealed: Number(row.appealed),
    timed: Number(row.timed),
    medianHours: hours(row.median_hours),
    p90Hours: hours(row.p90_hours),
  };
}

/** Only a payer reviewer whose token reads every ClaimResponse (no granular filter) sees the metrics. */
function checkCaller(caller: Caller): void {
  const p = permit(caller, { resourceType: 'ClaimResponse', interaction: 'search' });
  if (!isPayerReviewer(caller))
    throw new CaseError('forbidden', 'only a payer reviewer reads the decision metrics');
  if (p.filters && p.filters.length > 0)
    throw new CaseError(
      'forbidden',
      'the decision metrics count every case; a token limited to some ClaimResponses (granular scopes) cannot read them',
    );
}

/** Answers kept per database connection pool, by period. */
const kept = new WeakMap<SqlRunner, Map<string, { version: string; metrics: DecisionMetrics }>>();
const KEPT_PERIODS = 64;

/**
 * GET ClaimResponse/$decision-metrics?from=YYYY-MM&to=YYYY-MM. The answer is shared while the data stands
 * (the same object for the same period and counter value): read it, never change it.
 */
export async function decisionMetrics(
  sql: SqlRunner,
  caller: Caller,
  query: MetricsQuery,
  now = new Date(),
): Promise<Readonly<DecisionMetrics>> {
  checkCaller(caller);
  const period = metricsPeriod(query, now);
  const [counter] = await sql.query<{ version: string }>(
    'SELECT version::text AS version FROM case_metrics_version WHERE id = 1',
  );
  const version = counter?.version ?? '';
  const key = `${period.from}/${period.to}`;
  let answers = kept.get(sql);
  if (!answers) {
    answers = new Map();
    kept.set(sql, answers);
  }
  const known = answers.get(key);
  if (known && known.version === version) return known.metrics;
  const metrics = await countMetrics(sql, period);
  answers.delete(key);
  if (answers.size >= KEPT_PERIODS) answers.delete(answers.keys().next().value as string);
  answers.set(key, { version, metrics });
  return metrics;
}

/** The metrics of a period, counted by the database now. */
export async function countMetrics(sql: SqlRunner, period: MetricsPeriod): Promise<DecisionMetrics> {
  const rows = await sql.query<MetricsRow>(METRICS_SQL, [period.from, period.to]);
  const of = (breakdown: MetricsRow['breakdown']) => rows.filter((row) => row.breakdown === breakdown);
  return {
    period,
    overall: countsOf(of('overall')[0]),
    hospitals: of('hospital').map((row) => ({
      code: row.key ?? '',
      name: row.label ?? '',
      ...countsOf(row),
    })),
    drugs: of('drug').map((row) => ({ code: row.key ?? '', ...countsOf(row) })),
    months: of('month').map((row) => ({ month: row.key ?? '', ...countsOf(row) })),
  };
}
