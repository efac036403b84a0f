import type { SqlRunner } from '@openpas/db';
import { type Caller, isPayerReviewer, permit } from '@openpas/fhir-store';
import { CaseError } from './errors.ts';
import { type MetricsPeriod, metricsPeriod } from './metrics-period.ts';

// The payer's decision metrics (GET ClaimResponse/$decision-metrics), counted by the database from
// case_metrics — one row per decided case, kept by a trigger on the case's ClaimResponse (see the
// migration 20261205113009_case_metrics): each case by its first decision, in the month (Taiwan time) of
// that decision. One statement: the overall numbers, by hospital and by month as grouping sets, and by
// drug over the drug codes unnested (a case asking for two drugs counts once under each).

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

const COUNTS = `count(*)::int AS decided,
       count(*) FILTER (WHERE outcome = 'approved')::int AS approved,
       count(*) FILTER (WHERE outcome = 'denied')::int AS denied,
       count(*) FILTER (WHERE outcome = 'partial')::int AS partial,
       count(*) FILTER (WHERE outcome = 'documents-needed')::int AS documents_needed,
       count(*) FILTER (WHERE appealed)::int AS appealed,
       count(hours)::int AS timed,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90_hours`;

const METRICS_SQL = `
WITH decided AS (
  SELECT m.outcome, m.appealed, m.decided_month, m.drug_codes,
         coalesce(o.nhi_code, '') AS hospital_code, coalesce(o.name, '') AS hospital_name,
         extract(epoch FROM (m.decided_at - m.accepted_at)) / 3600.0 AS hours
    FROM case_metrics m
    LEFT JOIN organization o ON o.id = m.owner_organization
   WHERE m.decided_month >= $1 AND m.decided_month <= $2
)
SELECT CASE WHEN grouping(hospital_code) = 0 THEN 'hospital'
            WHEN grouping(decided_month) = 0 THEN 'month'
            ELSE 'overall' END AS breakdown,
       CASE WHEN grouping(hospital_code) = 0 THEN hospital_code
            WHEN grouping(decided_month) = 0 THEN decided_month END AS key,
       CASE WHEN grouping(hospital_code) = 0 THEN hospital_name END AS label,
       ${COUNTS}
  FROM decided
 GROUP BY GROUPING SETS ((), (hospital_code, hospital_name), (decided_month))
UNION ALL
SELECT 'drug', drug, NULL, ${COUNTS}
  FROM decided, unnest(coalesce(drug_codes, '{}')) AS drug
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

/** GET ClaimResponse/$decision-metrics?from=YYYY-MM&to=YYYY-MM */
export async function decisionMetrics(
  sql: SqlRunner,
  caller: Caller,
  query: MetricsQuery,
  now = new Date(),
): Promise<DecisionMetrics> {
  checkCaller(caller);
  const period = metricsPeriod(query, now);
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
