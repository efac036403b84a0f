import { describe, expect, it } from 'vitest';
import { parseSizes } from './sizes.ts';

describe('parseSizes', () => {
  it('reads a comma-separated list, ascending and without repeats', () => {
    expect(parseSizes('100_000, 10000,1000000,10000')).toEqual([10_000, 100_000, 1_000_000]);
  });

  it('refuses what is not a number of claims the fixture can search', () => {
    expect(() => parseSizes('10k')).toThrow(/whole number/);
    expect(() => parseSizes('500')).toThrow(/at least 1000/);
    expect(() => parseSizes(' , ')).toThrow(/no sizes/);
  });
});
