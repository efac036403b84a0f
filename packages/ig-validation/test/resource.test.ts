import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { issueMessage, validateBase, validateResourceWithGuide } from '../src/index.ts';
import { twpasGuide } from '../src/testing/index.ts';

const TWPAS = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition';

describe('validateBase', () => {
  it('reports what base R4 requires, with nothing set aside', () => {
    const result = validateBase({ resourceType: 'Coverage', status: 'active' });
    expect(result.reported.every((r) => r.falsePositive === undefined)).toBe(true);
    expect(result.remaining.map(issueMessage)).toEqual([
      'error structure at Coverage.beneficiary: Missing required property',
      'error structure at Coverage.payor: Missing required property',
    ]);
  });
});

describe.skipIf(!sharedAvailable())('validateResourceWithGuide', () => {
  it('refuses a profile the guide does not have', () => {
    expect(() =>
      validateResourceWithGuide({ resourceType: 'Basic' }, twpasGuide(), {
        profile: 'https://example.org/StructureDefinition/Unknown',
      }),
    ).toThrow(
      'the implementation guide has no StructureDefinition https://example.org/StructureDefinition/Unknown',
    );
  });

  it('refuses a profile Medplum cannot load', () => {
    expect(() =>
      validateResourceWithGuide({ resourceType: 'Bundle', type: 'collection' }, twpasGuide(), {
        profile: `${TWPAS}/Bundle-twpas`,
      }),
    ).toThrow(`Medplum cannot load ${TWPAS}/Bundle-twpas: Unsupported slicing discriminator type: profile`);
  });

  it('validates against base R4 only without a profile', () => {
    const coverage = { resourceType: 'Coverage', status: 'active' };
    expect(validateResourceWithGuide(coverage, twpasGuide())).toEqual(validateBase(coverage));
  });
});
