import type { Bundle } from '@openpas/fhir';
import { describe, expect, it } from 'vitest';
import { checkBundleLimits } from './validation.ts';

const bundle = (entries: number): Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: Array.from({ length: entries }, () => ({})),
});

describe('checkBundleLimits', () => {
  it('lets a Bundle at the entry limit through and refuses one beyond it as too costly', () => {
    expect(() => checkBundleLimits(bundle(3), { maxEntries: 3 })).not.toThrow();
    expect(() => checkBundleLimits(bundle(4), { maxEntries: 3 })).toThrow(
      expect.objectContaining({ code: 'too-costly', expression: 'Bundle.entry' }),
    );
  });
});
