import { describe, expect, it } from 'vitest';
import { CaseError } from './errors.ts';
import { fhirPeriod, metricsPeriod, taipeiMonth } from './metrics-period.ts';

const NOW = new Date('2026-11-30T17:30:00Z'); // 01:30 on 1 December in Taiwan

describe('metricsPeriod', () => {
  it('defaults to the twelve months up to this month in Taiwan time', () => {
    expect(taipeiMonth(NOW)).toBe('2026-12');
    expect(metricsPeriod({}, NOW)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(metricsPeriod({ to: '2026-03' }, NOW)).toEqual({ from: '2025-04', to: '2026-03' });
  });

  it('takes both ends as given, one month included', () => {
    expect(metricsPeriod({ from: '2026-10', to: '2026-10' }, NOW)).toEqual({
      from: '2026-10',
      to: '2026-10',
    });
  });

  it.each([
    [{ from: '2026-13' }, 'from'],
    [{ from: '2026-1' }, 'from'],
    [{ to: '2026-00' }, 'to'],
    [{ to: '' }, 'to'],
    [{ from: '2026-11', to: '2026-10' }, 'from'],
    [{ from: '2016-12', to: '2026-12' }, 'from'],
  ])('refuses %o naming %s', (query, expression) => {
    let error: unknown;
    try {
      metricsPeriod(query, NOW);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CaseError);
    expect(error).toMatchObject({ code: 'malformed', expression });
  });

  it('allows 120 months', () => {
    expect(metricsPeriod({ from: '2017-01', to: '2026-12' }, NOW)).toEqual({
      from: '2017-01',
      to: '2026-12',
    });
  });
});

describe('fhirPeriod', () => {
  it('runs from the first instant of `from` to the last second of `to`, Taiwan time', () => {
    expect(fhirPeriod({ from: '2026-10', to: '2026-12' })).toEqual({
      start: '2026-10-01T00:00:00+08:00',
      end: '2026-12-31T23:59:59+08:00',
    });
    expect(fhirPeriod({ from: '2028-02', to: '2028-02' })).toEqual({
      start: '2028-02-01T00:00:00+08:00',
      end: '2028-02-29T23:59:59+08:00',
    });
  });
});
