import type { Metrics, MetricsRow } from './parse-metrics.ts';

// Every number of the decision metrics as one CSV (RFC 4180: CRLF lines, fields with a comma, quote, line
// break or edge space quoted, quotes doubled), UTF-8 with a byte-order mark so that Excel shows the
// Chinese hospital names. Rates as fractions (0–1), times in hours, an empty field where there is no
// number. Text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with '.

/** The CSV's column titles, in order; English unless the caller passes translations. */
export const CSV_COLUMNS = [
  'breakdown',
  'key',
  'label',
  'decided',
  'approved',
  'denied',
  'partial',
  'documentsNeeded',
  'appealed',
  'approvalRate',
  'denialRate',
  'partialRate',
  'documentsNeededRate',
  'appealRate',
  'timed',
  'medianHours',
  'p90Hours',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const DEFAULT_TITLES: Record<CsvColumn, string> = {
  breakdown: 'breakdown',
  key: 'code or month',
  label: 'name',
  decided: 'decided cases',
  approved: 'approved',
  denied: 'denied (incl. returned)',
  partial: 'partial',
  documentsNeeded: 'documents needed',
  appealed: 'appealed',
  approvalRate: 'approval rate',
  denialRate: 'denial rate',
  partialRate: 'partial rate',
  documentsNeededRate: 'documents-needed rate',
  appealRate: 'appeal rate',
  timed: 'cases timed',
  medianHours: 'median decision time (hours)',
  p90Hours: 'p90 decision time (hours)',
};

export interface CsvLabels {
  columns?: Partial<Record<CsvColumn, string>>;
  /** Names of the breakdowns in the first column */
  breakdowns?: Partial<Record<'overall' | 'hospital' | 'drug' | 'month', string>>;
}

/** One CSV field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The metrics as CSV text, starting with the UTF-8 byte-order mark. */
export function metricsCsv(metrics: Metrics, labels: CsvLabels = {}): string {
  const title = (column: CsvColumn) => labels.columns?.[column] ?? DEFAULT_TITLES[column];
  const breakdown = (name: 'overall' | 'hospital' | 'drug' | 'month') => labels.breakdowns?.[name] ?? name;
  const line = (cells: (string | number | null)[]) => cells.map(csvField).join(',');
  const row = (name: 'overall' | 'hospital' | 'drug' | 'month', r: MetricsRow) =>
    line(CSV_COLUMNS.map((column) => (column === 'breakdown' ? breakdown(name) : r[column])));
  const lines = [
    line(CSV_COLUMNS.map(title)),
    row('overall', { ...metrics.overall, key: `${metrics.from}..${metrics.to}`, label: '' }),
    ...metrics.byHospital.map((r) => row('hospital', r)),
    ...metrics.byDrug.map((r) => row('drug', r)),
    ...metrics.byMonth.map((r) => row('month', r)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
