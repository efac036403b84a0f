'use client';

import { Button } from '@openpas/ui/button';
import { Empty } from '@openpas/ui/states';
import type { ColumnDef } from '@tanstack/react-table';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DataTable } from '../ui/data-table.tsx';
import { CSV_COLUMNS, type CsvColumn, metricsCsv } from './metrics-csv.ts';
import type { Metrics, MetricsRow } from './parse-metrics.ts';

export interface MetricsViewProps {
  /** The operation's answer, read by parseMetrics */
  metrics: Metrics;
}

/** The outcome mix, stacked to 100 % (their colours keep 3:1 contrast on white). */
const OUTCOMES = [
  { key: 'approvalRate', color: '#15803d' },
  { key: 'partialRate', color: '#a16207' },
  { key: 'denialRate', color: '#b91c1c' },
  { key: 'documentsNeededRate', color: '#1d4ed8' },
] as const;

type Breakdown = 'hospital' | 'drug' | 'month';

/**
 * The payer's decision metrics: the period's totals; the outcome rates by hospital and by drug and the
 * decision time by month, each a chart with the same numbers in a table beside it; a CSV of every number.
 */
export function MetricsView({ metrics }: MetricsViewProps) {
  const t = useTranslations('metrics');
  const format = useFormatter();
  const percent = (value: number | null) =>
    value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 1 });
  const hours = (value: number | null) =>
    value === null ? '—' : format.number(value, { maximumFractionDigits: 1 });

  function download() {
    const csv = metricsCsv(metrics, {
      columns: Object.fromEntries(CSV_COLUMNS.map((column) => [column, t(`csv.${column}`)])) as Record<
        CsvColumn,
        string
      >,
      breakdowns: { overall: t('overall'), hospital: t('hospital'), drug: t('drug'), month: t('month') },
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `decision-metrics-${metrics.from}-${metrics.to}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }

  const columns = (by: Breakdown): ColumnDef<MetricsRow, unknown>[] => [
    {
      header: t(by),
      cell: ({ row }) =>
        by !== 'month' && row.original.label !== row.original.key ? (
          <span>
            <span className="font-medium">{row.original.label}</span>{' '}
            <span className="text-slate-500">{row.original.key}</span>
          </span>
        ) : (
          <span className="font-medium">{row.original.key}</span>
        ),
    },
    { header: t('decided'), cell: ({ row }) => format.number(row.original.decided) },
    { header: t('approvalRate'), cell: ({ row }) => percent(row.original.approvalRate) },
    { header: t('partialRate'), cell: ({ row }) => percent(row.original.partialRate) },
    { header: t('denialRate'), cell: ({ row }) => percent(row.original.denialRate) },
    { header: t('documentsNeededRate'), cell: ({ row }) => percent(row.original.documentsNeededRate) },
    { header: t('appealRate'), cell: ({ row }) => percent(row.original.appealRate) },
    { header: t('medianHours'), cell: ({ row }) => hours(row.original.medianHours) },
    { header: t('p90Hours'), cell: ({ row }) => hours(row.original.p90Hours) },
  ];

  const { overall } = metrics;
  const totals: [string, string][] = [
    [t('decided'), format.number(overall.decided)],
    [t('approvalRate'), percent(overall.approvalRate)],
    [t('partialRate'), percent(overall.partialRate)],
    [t('denialRate'), percent(overall.denialRate)],
    [t('documentsNeededRate'), percent(overall.documentsNeededRate)],
    [t('appealRate'), percent(overall.appealRate)],
    [t('medianHours'), hours(overall.medianHours)],
    [t('p90Hours'), hours(overall.p90Hours)],
  ];

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t('period', { from: metrics.from, to: metrics.to })}</p>
        <Button variant="secondary" onClick={download}>
          {t('download')}
        </Button>
      </div>
      <section aria-labelledby="metrics-overall" className="space-y-2">
        <h2 id="metrics-overall" className="text-lg font-semibold">
          {t('overall')}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {totals.map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="text-xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
        <ul className="list-disc pl-5 text-xs text-slate-600">
          <li>{t('countingNote')}</li>
          <li>{t('deniedNote')}</li>
          <li>{t('timeNote')}</li>
        </ul>
      </section>
      {overall.decided === 0 ? (
        <Empty title={t('empty')} />
      ) : (
        <>
          <RatesSection
            id="metrics-hospital"
            title={t('byHospital')}
            rows={metrics.byHospital}
            columns={columns('hospital')}
            percent={percent}
          />
          <RatesSection
            id="metrics-drug"
            title={t('byDrug')}
            rows={metrics.byDrug}
            columns={columns('drug')}
            percent={percent}
          />
          <TimeSection
            id="metrics-month"
            title={t('byMonth')}
            rows={metrics.byMonth}
            columns={columns('month')}
            hours={hours}
          />
        </>
      )}
    </div>
  );
}

interface SectionProps {
  id: string;
  title: string;
  rows: MetricsRow[];
  columns: ColumnDef<MetricsRow, unknown>[];
}

function ChartBeside({ id, title, rows, columns, chart }: SectionProps & { chart: React.ReactNode }) {
  const t = useTranslations('metrics');
  const noteId = useId();
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="grid gap-4">
        <figure aria-labelledby={id} aria-describedby={noteId} className="min-w-0">
          {chart}
          <figcaption id={noteId} className="text-xs text-slate-600">
            {t('chartNote')}
          </figcaption>
        </figure>
        <div className="min-w-0">
          <DataTable columns={columns} data={rows} caption={title} />
        </div>
      </div>
    </section>
  );
}

function RatesSection({ percent, ...props }: SectionProps & { percent: (value: number | null) => string }) {
  const t = useTranslations('metrics');
  const height = 60 + props.rows.length * 36;
  return (
    <ChartBeside
      {...props}
      chart={
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={props.rows} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 1]} tickFormatter={(value: number) => percent(value)} />
              <YAxis type="category" dataKey="label" width={160} />
              <Tooltip formatter={(value) => percent(typeof value === 'number' ? value : null)} />
              <Legend itemSorter={null} />
              {OUTCOMES.map((outcome) => (
                <Bar
                  key={outcome.key}
                  dataKey={outcome.key}
                  name={t(outcome.key)}
                  stackId="outcome"
                  fill={outcome.color}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      }
    />
  );
}

function TimeSection({ hours, ...props }: SectionProps & { hours: (value: number | null) => string }) {
  const t = useTranslations('metrics');
  return (
    <ChartBeside
      {...props}
      chart={
        <div style={{ height: 300 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={props.rows} margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="key" />
              <YAxis
                tickFormatter={(value: number) => hours(value)}
                label={{ value: t('hoursAxis'), angle: -90, position: 'insideLeft' }}
              />
              <Tooltip formatter={(value) => hours(typeof value === 'number' ? value : null)} />
              <Legend itemSorter={null} />
              <Line
                dataKey="medianHours"
                name={t('medianHours')}
                stroke="#1d4ed8"
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                dataKey="p90Hours"
                name={t('p90Hours')}
                stroke="#b91c1c"
                strokeWidth={2}
                strokeDasharray="6 3"
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      }
    />
  );
}
