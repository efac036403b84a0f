import { z } from 'zod';

// The answer of GET [FHIR base]/ClaimResponse/$decision-metrics — a MeasureReport with one group per
// measure (five rates, the median and p90 decision time in hours) and in each the same three stratifiers
// (hospital, drug, month) — read back into one row per hospital, drug and month with every number, for the
// charts, the tables and the CSV.

const coding = z.object({ system: z.string().optional(), code: z.string(), display: z.string().optional() });
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });
const population = z.object({ code: concept, count: z.number().int().nonnegative() });
const scored = {
  population: z.array(population).default([]),
  measureScore: z.object({ value: z.number() }).optional(),
};
const measureReport = z.object({
  resourceType: z.literal('MeasureReport'),
  status: z.literal('complete'),
  type: z.literal('summary'),
  date: z.string().optional(),
  period: z.object({ start: z.string(), end: z.string() }),
  group: z.array(
    z.object({
      code: concept,
      ...scored,
      stratifier: z
        .array(
          z.object({
            code: z.array(concept).min(1),
            stratum: z.array(z.object({ value: concept, ...scored })).default([]),
          }),
        )
        .default([]),
    }),
  ),
});

const RATES = {
  'approval-rate': ['approved', 'approvalRate'],
  'denial-rate': ['denied', 'denialRate'],
  'partial-rate': ['partial', 'partialRate'],
  'documents-needed-rate': ['documentsNeeded', 'documentsNeededRate'],
  'appeal-rate': ['appealed', 'appealRate'],
} as const;
const TIMES = { 'decision-time-median': 'medianHours', 'decision-time-p90': 'p90Hours' } as const;

/** Every number of one group of decided cases. Rates are fractions (0–1); times in hours. */
export interface MetricsRow {
  /** 醫事機構代碼, NHI drug code or YYYY-MM; '' overall */
  key: string;
  /** The hospital's or the drug's name when the report gives one; else the key */
  label: string;
  decided: number;
  approved: number;
  denied: number;
  partial: number;
  documentsNeeded: number;
  appealed: number;
  approvalRate: number | null;
  denialRate: number | null;
  partialRate: number | null;
  documentsNeededRate: number | null;
  appealRate: number | null;
  /** Cases whose decision time is known */
  timed: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Metrics {
  /** FHIR dateTimes, Taiwan time */
  period: { start: string; end: string };
  /** YYYY-MM of the first and last month */
  from: string;
  to: string;
  /** When the report was made */
  date: string | undefined;
  overall: MetricsRow;
  byHospital: MetricsRow[];
  byDrug: MetricsRow[];
  byMonth: MetricsRow[];
}

export type Breakdown = 'hospital' | 'drug' | 'month';

const emptyRow = (key: string, label: string): MetricsRow => ({
  key,
  label,
  decided: 0,
  approved: 0,
  denied: 0,
  partial: 0,
  documentsNeeded: 0,
  appealed: 0,
  approvalRate: null,
  denialRate: null,
  partialRate: null,
  documentsNeededRate: null,
  appealRate: null,
  timed: 0,
  medianHours: null,
  p90Hours: null,
});

type Scored = { population: z.infer<typeof population>[]; measureScore?: { value: number } | undefined };

const codeOf = (c: z.infer<typeof concept> | undefined) => c?.coding?.[0]?.code ?? '';
const count = (s: Scored, code: string) => s.population.find((p) => codeOf(p.code) === code)?.count;

/** Adds one group's numbers for one scored element (the whole, or a stratum) to its row. */
function fill(row: MetricsRow, group: string, s: Scored): void {
  if (group in RATES) {
    const [counted, rate] = RATES[group as keyof typeof RATES];
    row.decided = count(s, 'denominator') ?? row.decided;
    row[counted] = count(s, 'numerator') ?? 0;
    row[rate] = s.measureScore?.value ?? null;
  } else if (group in TIMES) {
    row.timed = count(s, 'measure-population') ?? row.timed;
    row[TIMES[group as keyof typeof TIMES]] = s.measureScore?.value ?? null;
  }
}

/**
 * The operation's JSON answer as Metrics; throws (a ZodError) when it is not a complete summary
 * MeasureReport. Rows of a breakdown come in the report's order (hospital and drug codes, months
 * ascending).
 */
export function parseMetrics(json: unknown): Metrics {
  const report = measureReport.parse(json);
  const overall = emptyRow('', '');
  const rows: Record<Breakdown, Map<string, MetricsRow>> = {
    hospital: new Map(),
    drug: new Map(),
    month: new Map(),
  };
  for (const group of report.group) {
    const code = codeOf(group.code);
    fill(overall, code, group);
    for (const stratifier of group.stratifier) {
      const by = codeOf(stratifier.code[0]) as Breakdown;
      const table = rows[by];
      if (!table) continue;
      for (const stratum of stratifier.stratum) {
        const key = by === 'month' ? (stratum.value.text ?? '') : codeOf(stratum.value);
        const label =
          by === 'hospital' ? (stratum.value.coding?.[0]?.display ?? stratum.value.text ?? key) : key;
        let row = table.get(key);
        if (!row) {
          row = emptyRow(key, label);
          table.set(key, row);
        }
        fill(row, code, stratum);
      }
    }
  }
  return {
    period: report.period,
    from: report.period.start.slice(0, 7),
    to: report.period.end.slice(0, 7),
    date: report.date,
    overall,
    byHospital: [...rows.hospital.values()],
    byDrug: [...rows.drug.values()],
    byMonth: [...rows.month.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}
