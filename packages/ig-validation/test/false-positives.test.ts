import { sharedAvailable } from '@openpas/vitest-config/shared';
import type { Claim, FhirResource, MedicationRequest, Bundle as R4Bundle } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  issueMessage,
  type ResourceValidation,
  validateBase,
  validateResourceWithGuide,
} from '../src/index.ts';
import { REQUEST_BUNDLE_FILES, readExample as readJson, twpasGuide } from '../src/testing/index.ts';

/** A Bundle of concrete resources, so that `entry.resource.resourceType` narrows. */
type Bundle = R4Bundle<FhirResource>;

const TWPAS = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition';
const CLAIM_TWPAS = `${TWPAS}/Claim-twpas`;
const CLAIM_IMM = `${TWPAS}/Claim-immunologic-agent-twpas`;
const ORGANIZATION_GOVT_TWCORE =
  'https://twcore.mohw.gov.tw/ig/twcore/StructureDefinition/Organization-govt-twcore';

function readExample(file: string): Bundle {
  return readJson(file) as unknown as Bundle;
}

function entryResources(bundle: Bundle): FhirResource[] {
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** Validates every entry against base R4 and against each profile it claims that the guide defines. */
function validateEntries(bundle: Bundle): { resource: FhirResource; result: ResourceValidation }[] {
  const guide = twpasGuide();
  return entryResources(bundle).flatMap((resource) => [
    { resource, result: validateBase(resource, bundle) },
    ...(resource.meta?.profile ?? [])
      .filter((url) => guide.profiles.has(url))
      .map((url) => ({
        resource,
        result: validateResourceWithGuide(resource, guide, { profile: url, bundle }),
      })),
  ]);
}

function remaining(results: { resource: FhirResource; result: ResourceValidation }[]): string[] {
  return results.flatMap(({ resource, result }) =>
    result.remaining.map((issue) => `${resource.resourceType}/${resource.id}: ${issueMessage(issue)}`),
  );
}

describe.skipIf(!sharedAvailable())(
  'the documented false positives of the Medplum validator on TWPAS',
  () => {
    it('leave no error on any entry of the five official request Bundles', () => {
      for (const file of REQUEST_BUNDLE_FILES) {
        expect({ file, remaining: remaining(validateEntries(readExample(file))) }).toEqual({
          file,
          remaining: [],
        });
      }
    });

    it('are all four categories, and nothing else, on Bundle-bun-uuid-example', () => {
      const categories = new Set(
        validateEntries(readExample('Bundle-bun-uuid-example.json')).flatMap(({ result }) =>
          result.reported.map((r) => r.falsePositive),
        ),
      );
      expect([...categories].sort()).toEqual([
        'binding-discriminated-slice',
        'extension-slice-by-url',
        'repeating-pattern',
        'urn-uuid-reference',
      ]);
    });

    it('leave the whole official Bundle-bun-uuid-example valid as base R4', () => {
      const bundle = readExample('Bundle-bun-uuid-example.json');
      expect(validateBase(bundle, bundle).remaining.map(issueMessage)).toEqual([]);
    });

    it('cover every entry profile of the official examples but the TW Core NHIA organisation', () => {
      const guide = twpasGuide();
      const unknown = new Set(
        REQUEST_BUNDLE_FILES.flatMap((file) => entryResources(readExample(file)))
          .flatMap((resource) => resource.meta?.profile ?? [])
          .filter((url) => !guide.profiles.has(url)),
      );
      expect([...unknown]).toEqual([ORGANIZATION_GOVT_TWCORE]);
    });

    it('knows that Medplum cannot load the three Bundle profiles', () => {
      expect(Object.fromEntries(twpasGuide().loadFailures)).toEqual({
        [`${TWPAS}/Bundle-twpas`]: 'Unsupported slicing discriminator type: profile',
        [`${TWPAS}/Bundle-immunologic-agent-twpas`]: 'Unsupported slicing discriminator type: profile',
        [`${TWPAS}/Bundle-response-twpas`]: 'Unsupported slicing discriminator type: profile',
      });
    });
  },
);

describe.skipIf(!sharedAvailable())('the filter still fails broken copies of Bundle-bun-uuid-example', () => {
  function brokenClaim(change: (claim: Claim) => void): string[] {
    const bundle = readExample('Bundle-bun-uuid-example.json');
    const claim = bundle.entry?.[0]?.resource as Claim;
    change(claim);
    return remaining(validateEntries(bundle)).filter((line) => line.startsWith('Claim/'));
  }

  it('fails a Claim without patient', () => {
    const errors = brokenClaim((claim) => {
      delete (claim as Partial<Claim>).patient;
    });
    expect(errors).toContain(
      'Claim/inline-claim: error structure at Claim.patient: Missing required property',
    );
  });

  it('fails a Claim whose meta.profile names another profile when checked against Claim-twpas', () => {
    const bundle = readExample('Bundle-bun-uuid-example.json');
    const claim = bundle.entry?.[0]?.resource as Claim;
    claim.meta = { profile: [CLAIM_IMM] };
    expect(
      validateResourceWithGuide(claim, twpasGuide(), { profile: CLAIM_TWPAS, bundle }).remaining.map(
        issueMessage,
      ),
    ).toEqual(['error structure at Claim.meta.profile: Value did not match expected pattern']);
  });

  it('fails a Claim whose encounter extension has another URL', () => {
    const errors = brokenClaim((claim) => {
      for (const extension of claim.extension ?? []) extension.url = 'https://example.org/encounter';
    });
    expect(errors).toContain(
      "Claim/inline-claim: error structure at Claim.extension: Incorrect number of values provided for slice 'encounter': expected 1..1, but found 0",
    );
  });

  it('fails a Claim item whose requestedService extension has another URL', () => {
    const errors = brokenClaim((claim) => {
      for (const extension of claim.item?.[0]?.extension ?? []) extension.url = 'https://example.org/service';
    });
    expect(errors).toContain(
      "Claim/inline-claim: error structure at Claim.item.extension: Incorrect number of values provided for slice 'requestedService': expected 1..1, but found 0",
    );
  });

  it('fails a requested drug coded outside the NHI drug code system', () => {
    const bundle = readExample('Bundle-bun-uuid-example.json');
    const apply = entryResources(bundle).find((r) => r.id === 'inline-medReq-apply') as MedicationRequest;
    apply.medicationCodeableConcept = { coding: [{ system: 'http://www.whocc.no/atc', code: 'L01FD01' }] };
    expect(
      remaining(validateEntries(bundle)).filter((line) =>
        line.startsWith('MedicationRequest/inline-medReq-apply:'),
      ),
    ).toEqual([
      "MedicationRequest/inline-medReq-apply: error structure at MedicationRequest.medication[x]: Incorrect number of values provided for slice 'nhi-medication': expected 1..1, but found 0",
    ]);
  });

  it('fails a reference to a urn:uuid that is not in the Bundle', () => {
    const errors = brokenClaim((claim) => {
      claim.patient = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    });
    expect(errors.filter((line) => line.includes('Invalid reference'))).toHaveLength(1);
  });

  it('fails a category that does not match the pattern', () => {
    const bundle = readExample('Bundle-bun-uuid-example.json');
    const lab = entryResources(bundle).find((r) => r.id === 'inline-obs-lab');
    if (lab?.resourceType !== 'Observation') throw new Error('no lab observation');
    lab.category = [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ];
    expect(
      remaining(validateEntries(bundle)).filter((line) => line.startsWith('Observation/inline-obs-lab:')),
    ).toEqual([
      'Observation/inline-obs-lab: error structure at Observation.category: Value did not match expected pattern',
    ]);
  });
});
