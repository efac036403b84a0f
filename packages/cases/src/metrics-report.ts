import type { DecisionMetrics, MetricsCounts } from './decision-metrics.ts';
import { fhirPeriod } from './metrics-period.ts';

// The decision metrics as a FHIR R4 MeasureReport (type summary, status complete). FHIR gives a group one
// measureScore, so each GROUP is one measure — the approval, denial, partial, documents-needed and appeal
// rates (numerator ÷ denominator = decided cases) and the median and p90 decision time (hours, UCUM `h`,
// over the cases whose acceptance and decision times are known) — and each has the same three
// STRATIFIERS, the breakdowns: hospital (醫事機構代碼, display = name), drug (NHI drug code) and month
// (YYYY-MM, Taiwan time). A stratum carries its own populations and measureScore; a time score is left out
// where no case was timed, a rate where no case was decided.

export const METRICS_MEASURE = 'https://openpas.dev/fhir/Measure/decision-metrics';
export const METRICS_CODE_SYSTEM = 'https://openpas.dev/fhir/CodeSystem/decision-metrics';
const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
const HOSPITAL_SYSTEM = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw';
const DRUG_SYSTEM = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication';

type RateKey = 'approved' | 'denied' | 'partial' | 'documentsNeeded' | 'appealed';

/** The measures, in report order: group code → what it counts. */
export const METRIC_GROUPS = [
  { code: 'approval-rate', display: 'Approval rate (every item approved)', rate: 'approved' },
  {
    code: 'denial-rate',
    display: 'Denial rate (every item denied or returned, 退件 counted as denied)',
    rate: 'denied',
  },
  {
    code: 'partial-rate',
    display: 'Partial rate (items approved, partly approved and denied mixed)',
    rate: 'partial',
  },
  {
    code: 'documents-needed-rate',
    display: 'Documents-needed rate (any item 補件)',
    rate: 'documentsNeeded',
  },
  { code: 'appeal-rate', display: 'Appeal rate (continued by a 申復 or 爭議審議 Claim)', rate: 'appealed' },
  {
    code: 'decision-time-median',
    display: 'Median decision time, 已受理 → 審畢結果 (hours)',
    time: 'medianHours',
  },
  {
    code: 'decision-time-p90',
    display: '90th percentile decision time, 已受理 → 審畢結果 (hours)',
    time: 'p90Hours',
  },
] as const satisfies readonly (
  | { code: string; display: string; rate: RateKey }
  | { code: string; display: string; time: 'medianHours' | 'p90Hours' }
)[];

type Concept = { coding?: { system: string; code: string; display?: string }[]; text?: string };
interface Population {
  code: Concept;
  count: number;
}
interface Score {
  value: number;
  unit?: string;
  system?: string;
  code?: string;
}
interface Scored {
  population: Population[];
  measureScore?: Score;
}

const concept = (system: string, code: string, display?: string): Concept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});
const population = (code: string, count: number): Population => ({
  code: concept(POPULATION_SYSTEM, code),
  count,
});

function scored(group: (typeof METRIC_GROUPS)[number], counts: MetricsCounts): Scored {
  if ('rate' in group) {
    const numerator = counts[group.rate];
    return {
      population: [population('denominator', counts.decided), population('numerator', numerator)],
      ...(counts.decided > 0 ? { measureScore: { value: numerator / counts.decided } } : {}),
    };
  }
  const value = counts[group.time];
  return {
    population: [population('measure-population', counts.timed)],
    ...(value !== null
      ? { measureScore: { value, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } }
      : {}),
  };
}

/** Names for the codes the report shows, where they are known (the NHI drug list's display). */
export interface MetricsNames {
  drug?: (code: string) => string | undefined;
}

/** The MeasureReport answering GET ClaimResponse/$decision-metrics. */
export function metricsMeasureReport(
  metrics: DecisionMetrics,
  now = new Date(),
  names: MetricsNames = {},
): Record<string, unknown> {
  const drugName = (code: string) => names.drug?.(code);
  return {
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    measure: METRICS_MEASURE,
    date: now.toISOString(),
    period: fhirPeriod(metrics.period),
    group: METRIC_GROUPS.map((group) => ({
      code: concept(METRICS_CODE_SYSTEM, group.code, group.display),
      ...scored(group, metrics.overall),
      stratifier: [
        {
          code: [concept(METRICS_CODE_SYSTEM, 'hospital', 'Hospital (醫事機構代碼)')],
          stratum: metrics.hospitals.map((row) => ({
            value: {
              ...concept(HOSPITAL_SYSTEM, row.code, row.name || undefined),
              text: row.name || row.code,
            },
            ...scored(group, row),
          })),
        },
        {
          code: [concept(METRICS_CODE_SYSTEM, 'drug', 'Drug (NHI drug code)')],
          stratum: metrics.drugs.map((row) => ({
            value: {
              ...concept(DRUG_SYSTEM, row.code, drugName(row.code)),
              text: drugName(row.code) ?? row.code,
            },
            ...scored(group, row),
          })),
        },
        {
          code: [concept(METRICS_CODE_SYSTEM, 'month', 'Month of the decision (Taiwan time)')],
          stratum: metrics.months.map((row) => ({ value: { text: row.month }, ...scored(group, row) })),
        },
      ],
    })),
  };
}
