import { describe, expect, it } from 'vitest';
import { perBucket, percentile, summarize } from './latency.ts';

describe('percentile', () => {
  it('takes the nearest rank, whatever the order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('summarize', () => {
  it('counts failures as errors and leaves their times out of the percentiles', () => {
    const samples = [
      { at: 0, ms: 10, ok: true },
      { at: 1, ms: 20, ok: true },
      { at: 2, ms: 30_000, ok: false },
    ];
    expect(summarize(samples)).toEqual({ count: 3, errors: 1, p50: 10, p99: 20 });
  });
});

describe('perBucket', () => {
  it('summarizes each window by start time, empty windows included', () => {
    const samples = [
      { at: 100, ms: 5, ok: true },
      { at: 59_999, ms: 7, ok: true },
      { at: 125_000, ms: 9, ok: false },
    ];
    expect(perBucket(samples, 60_000)).toEqual([
      { bucket: 0, count: 2, errors: 0, p50: 5, p99: 7 },
      { bucket: 1, count: 0, errors: 0, p50: 0, p99: 0 },
      { bucket: 2, count: 1, errors: 1, p50: 0, p99: 0 },
    ]);
    expect(perBucket([], 60_000)).toEqual([]);
  });
});
