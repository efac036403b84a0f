import { describe, expect, it } from 'vitest';
import { growthAgainstLog, slope } from './trend.ts';

describe('slope', () => {
  it('is the least-squares slope', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 1 })))).toBeCloseTo(2);
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 5 })))).toBe(0);
  });

  it('is 0 without two distinct x', () => {
    expect(slope([])).toBe(0);
    expect(slope([{ x: 1, y: 3 }])).toBe(0);
    expect(
      slope([
        { x: 1, y: 3 },
        { x: 1, y: 9 },
      ]),
    ).toBe(0);
  });
});

describe('growthAgainstLog', () => {
  it('compares each size with the smallest, beside how much log n grew', () => {
    const steps = growthAgainstLog([
      { n: 1_000_000, value: 30 },
      { n: 10_000, value: 20 },
      { n: 100_000, value: 40 },
    ]);
    expect(steps).toEqual([
      { n: 100_000, ratio: 2, logRatio: 1.25, withinLog: false },
      { n: 1_000_000, ratio: 1.5, logRatio: 1.5, withinLog: true },
    ]);
  });

  it('allows for noise with a tolerance', () => {
    const [step] = growthAgainstLog(
      [
        { n: 10_000, value: 20 },
        { n: 100_000, value: 30 },
      ],
      1.25,
    );
    expect(step?.withinLog).toBe(true);
  });

  it('says nothing without a usable smallest size', () => {
    expect(growthAgainstLog([])).toEqual([]);
    expect(
      growthAgainstLog([
        { n: 10, value: 0 },
        { n: 100, value: 1 },
      ]),
    ).toEqual([]);
  });
});
