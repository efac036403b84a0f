import { describe, expect, it } from 'vitest';
import { parseMetrics } from './parse-metrics.ts';
import { REPORT } from './report-fixture.ts';

describe('parseMetrics', () => {
  const metrics = parseMetrics(REPORT);

  it('reads the period and the overall numbers', () => {
    expect(metrics).toMatchObject({ from: '2026-10', to: '2026-11', date: '2026-12-05T00:00:00.000Z' });
    expect(metrics.overall).toEqual({
      key: '',
      label: '',
      decided: 4,
      approved: 2,
      denied: 1,
      partial: 1,
      documentsNeeded: 0,
      appealed: 1,
      approvalRate: 0.5,
      denialRate: 0.25,
      partialRate: 0.25,
      documentsNeededRate: 0,
      appealRate: 0.25,
      timed: 4,
      medianHours: 30,
      p90Hours: 70.5,
    });
  });

  it('gives one row per hospital (with its name), drug and month (ascending)', () => {
    expect(
      metrics.byHospital.map((row) => [row.key, row.label, row.decided, row.approvalRate, row.medianHours]),
    ).toEqual([
      ['0101090517', '臺北市立聯合醫院', 3, 2 / 3, 24],
      ['0131020016', '新北市立聯合醫院, "東區"', 1, 0, 72],
    ]);
    expect(metrics.byDrug.map((row) => [row.key, row.label, row.decided])).toEqual([
      ['KC00767209', 'KC00767209', 4],
    ]);
    expect(metrics.byMonth.map((row) => [row.key, row.decided, row.p90Hours])).toEqual([
      ['2026-10', 3, 60],
      ['2026-11', 1, 72],
    ]);
  });

  it('refuses what is not a complete summary MeasureReport', () => {
    expect(() => parseMetrics({ resourceType: 'OperationOutcome', issue: [] })).toThrow();
    expect(() => parseMetrics({ ...REPORT, status: 'pending' })).toThrow();
    expect(() => parseMetrics({ ...REPORT, period: undefined })).toThrow();
  });
});
