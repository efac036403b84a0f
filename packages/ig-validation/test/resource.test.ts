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

describe('unknown elements', () => {
  it('are errors at their FHIRPath, in base R4 and nested alike', () => {
    const result = validateBase({
      resourceType: 'Patient',
      zzz: 1,
      name: [{ text: '王小明', yyy: 2 }],
      contained: [{ resourceType: 'Basic', code: { text: 'x' }, bad: true }],
    });
    expect(result.remaining.map(issueMessage).sort()).toEqual([
      'error structure at Patient.contained[0].bad: Invalid additional property "bad"',
      'error structure at Patient.name[0].yyy: Invalid additional property "yyy"',
      'error structure at Patient.zzz: Invalid additional property "zzz"',
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

  it('refuses an element R4 does not define under a TWPAS profile too', () => {
    const patient = { resourceType: 'Patient', meta: { profile: [`${TWPAS}/Patient-twpas`] }, zzz: 1 };
    const result = validateResourceWithGuide(patient, twpasGuide(), { profile: `${TWPAS}/Patient-twpas` });
    expect(result.remaining.map(issueMessage)).toContain(
      'error structure at Patient.zzz: Invalid additional property "zzz"',
    );
  });
});
