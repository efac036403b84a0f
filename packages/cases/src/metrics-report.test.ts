import { describe, expect, it } from 'vitest';
import type { DecisionMetrics, MetricsCounts } from './decision-metrics.ts';
import { METRIC_GROUPS, metricsMeasureReport } from './metrics-report.ts';

const counts = (decided: number, extra: Partial<MetricsCounts> = {}): MetricsCounts => ({
  decided,
  approved: 0,
  denied: 0,
  partial: 0,
  documentsNeeded: 0,
  appealed: 0,
  timed: decided,
  medianHours: null,
  p90Hours: null,
  ...extra,
});

const METRICS: DecisionMetrics = {
  period: { from: '2026-10', to: '2026-11' },
  overall: counts(4, { approved: 1, denied: 2, partial: 1, appealed: 1, medianHours: 30, p90Hours: 70.5 }),
  hospitals: [
    { code: '0101090517', name: '臺北市立聯合醫院', ...counts(4, { approved: 1, medianHours: 30 }) },
  ],
  drugs: [{ code: 'KC00767209', ...counts(0, { timed: 0 }) }],
  months: [{ month: '2026-10', ...counts(4, { denied: 2 }) }],
};

type Group = {
  code: { coding: { code: string }[] };
  population: { code: { coding: { code: string }[] }; count: number }[];
  measureScore?: { value: number; unit?: string; code?: string };
  stratifier: { code: { coding: { code: string }[] }[]; stratum: Record<string, unknown>[] }[];
};

describe('metricsMeasureReport', () => {
  const report = metricsMeasureReport(METRICS, new Date('2026-12-05T00:00:00Z'));
  const groups = report.group as Group[];
  const group = (code: string) => groups.find((g) => g.code.coding[0]?.code === code) as Group;

  it('is a complete summary MeasureReport over the months asked for', () => {
    expect(report).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      date: '2026-12-05T00:00:00.000Z',
      period: { start: '2026-10-01T00:00:00+08:00', end: '2026-11-30T23:59:59+08:00' },
    });
    expect(groups.map((g) => g.code.coding[0]?.code)).toEqual(METRIC_GROUPS.map((g) => g.code));
  });

  it('gives each rate its numerator, denominator and score, overall and per stratum', () => {
    expect(group('denial-rate').population.map((p) => [p.code.coding[0]?.code, p.count])).toEqual([
      ['denominator', 4],
      ['numerator', 2],
    ]);
    expect(group('denial-rate').measureScore).toEqual({ value: 0.5 });
    expect(group('appeal-rate').measureScore).toEqual({ value: 0.25 });
    const months = group('denial-rate').stratifier.find((s) => s.code[0]?.coding[0]?.code === 'month');
    expect(months?.stratum).toEqual([
      {
        value: { text: '2026-10' },
        population: [
          {
            code: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'denominator' },
              ],
            },
            count: 4,
          },
          {
            code: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'numerator' },
              ],
            },
            count: 2,
          },
        ],
        measureScore: { value: 0.5 },
      },
    ]);
  });

  it('states decision times in hours, and leaves a score out where nothing was counted', () => {
    expect(group('decision-time-p90').measureScore).toEqual({
      value: 70.5,
      unit: 'h',
      system: 'http://unitsofmeasure.org',
      code: 'h',
    });
    const drug = group('approval-rate').stratifier.find((s) => s.code[0]?.coding[0]?.code === 'drug')
      ?.stratum[0];
    expect(drug).toMatchObject({
      value: {
        coding: [{ system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication', code: 'KC00767209' }],
      },
    });
    expect(drug).not.toHaveProperty('measureScore');
    const named = metricsMeasureReport(METRICS, new Date(), {
      drug: (code) => (code === 'KC00767209' ? 'Avastin' : undefined),
    });
    expect((named.group as Group[])[0]?.stratifier[1]?.stratum[0]).toMatchObject({
      value: { coding: [{ code: 'KC00767209', display: 'Avastin' }], text: 'Avastin' },
    });
    const hospital = group('decision-time-median').stratifier.find(
      (s) => s.code[0]?.coding[0]?.code === 'hospital',
    )?.stratum[0];
    expect(hospital).toMatchObject({
      value: { coding: [{ code: '0101090517', display: '臺北市立聯合醫院' }], text: '臺北市立聯合醫院' },
      measureScore: { value: 30 },
    });
  });
});
