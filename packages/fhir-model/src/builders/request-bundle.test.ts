import {
  bundleReferences,
  checkBundle,
  type FalsePositiveCategory,
  issueMessage,
  sliceOf,
  validateBase,
  validateResourceWithGuide,
  validateWithGuide,
} from '@openpas/ig-validation';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { sandboxCase, sandboxCases, sandboxRequestBundle, sandboxSeed } from '../sandbox-cases.ts';
import { readExampleBundle, twpasBundleRules, twpasDefinitions } from '../testing/shared-twpas.ts';
import { TW_CORE_PROFILES, TWPAS_PROFILES } from '../twpas/canonical.ts';
import type { Bundle, Claim, FhirResource } from '../types.ts';
import type { PriorAuthCase } from './prior-auth-case.ts';
import { buildRequestBundle } from './request-bundle.ts';

function resources(bundle: Bundle): FhirResource[] {
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

function claimOf(bundle: Bundle): Claim {
  const claim = resources(bundle).find((r): r is Claim => r.resourceType === 'Claim');
  if (!claim) throw new Error('no Claim');
  return claim;
}

/** Dotted paths of every leaf value, without array indexes. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leafPaths(item, prefix));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) =>
      leafPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

function claimShape(claim: Claim): string[] {
  // id is the payer's to assign, the narrative is optional: neither is the hospital's Claim shape.
  return [...new Set(leafPaths(claim))].filter((path) => path !== 'id' && !path.startsWith('text.')).sort();
}

const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the guide's Bundle-twpas checks find (entry slicing, distinct full URLs, urn:uuid references that
 * resolve, invariants), and any fullUrl or reference that is not a urn:uuid: the form our Bundles use.
 */
function bundleProblems(bundle: Bundle): string[] {
  const findings = checkBundle(bundle, twpasBundleRules()).map((f) => `${f.rule} ${f.expression}: ${f.en}`);
  const fullUrls = (bundle.entry ?? [])
    .map((entry, i) => ({ url: entry.fullUrl ?? '', i }))
    .filter(({ url }) => !URN_UUID.test(url))
    .map(({ url, i }) => `Bundle.entry[${i}].fullUrl ${url} is not a urn:uuid`);
  const references = bundleReferences(bundle)
    .filter(({ reference }) => !URN_UUID.test(reference))
    .map(({ reference, path }) => `${path} ${reference} is not a urn:uuid`);
  return [...findings, ...fullUrls, ...references];
}

const built = sandboxCases().map((c) => ({
  key: c.key,
  bundle: buildRequestBundle(c, { seed: sandboxSeed(c.key) }),
}));

describe.skipIf(!sharedAvailable())('a request Bundle built from each sandbox case', () => {
  it('validates as a whole as base R4', () => {
    const problems = built.flatMap(({ key, bundle }) =>
      validateBase(bundle, bundle).remaining.map((issue) => `${key}: ${issueMessage(issue)}`),
    );
    expect(problems).toEqual([]);
  });

  it('has entries that each validate as base R4 and against their TWPAS profile, apart from the documented false positives', () => {
    const definitions = twpasDefinitions();
    const filtered = new Set<FalsePositiveCategory>();
    const problems: string[] = [];
    const unchecked = new Set<string>();
    for (const { key, bundle } of built) {
      for (const resource of resources(bundle)) {
        const results = [validateBase(resource, bundle)];
        for (const profile of resource.meta?.profile ?? []) {
          if (definitions.profiles.has(profile))
            results.push(validateResourceWithGuide(resource, definitions, { profile, bundle }));
          else unchecked.add(profile);
        }
        for (const result of results) {
          for (const r of result.reported) if (r.falsePositive) filtered.add(r.falsePositive);
          problems.push(
            ...result.remaining.map((issue) => `${key} ${resource.resourceType}: ${issueMessage(issue)}`),
          );
        }
      }
    }
    expect(problems).toEqual([]);
    // The NHIA is a TW Core organisation: base R4 only, its profile is not in the TWPAS definitions.
    expect([...unchecked]).toEqual([TW_CORE_PROFILES.organizationGovernment]);
    expect([...filtered].sort()).toEqual([
      'binding-discriminated-slice',
      'extension-slice-by-url',
      'repeating-pattern',
      'urn-uuid-reference',
    ]);
  });

  it('passes the whole guide layer the FHIR API runs by default (bindings and slice invariants included)', () => {
    const definitions = twpasDefinitions();
    const problems = built.flatMap(({ key, bundle }) =>
      validateWithGuide(bundle, definitions)
        .filter((issue) => issue.severity === 'error')
        .map((issue) => `${key}: ${issue.rule} ${issue.expression} ${issue.message.en}`),
    );
    expect(problems).toEqual([]);
  });

  it('meets the entry slicing, references and invariants of Bundle-twpas', () => {
    const problems = built.flatMap(({ key, bundle }) =>
      bundleProblems(bundle).map((problem) => `${key}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!sharedAvailable())('the Bundle-twpas checks that Medplum cannot make', () => {
  it('pass the official uuid example and fail it without its Coverage', () => {
    const official = readExampleBundle('Bundle-bun-uuid-example.json');
    expect(bundleProblems(official)).toEqual([]);
    official.entry = official.entry?.filter((entry) => entry.resource?.resourceType !== 'Coverage');
    expect(bundleProblems(official)).toEqual([
      `ig.bundle-slices Bundle.entry: entry slice coverage (${TWPAS_PROFILES.coverage}) has 0 entries, expected 1..1`,
      'ig.bundle-references Bundle.entry[0].resource.ofType(Claim).insurance[0].coverage.reference: reference urn:uuid:79ee2767-54d9-4682-bbd4-d0add0576388 matches no entry of the Bundle',
    ]);
  });

  it('fail a self-review of prostate cancer whose drug is marked first use, or whose own assessment is empty', () => {
    const bundle = sandboxRequestBundle('b-prostate-enzalutamide-renewal');
    expect(bundleProblems(bundle)).toEqual([]);
    const continuation = claimOf(bundle).item?.[0]?.modifier?.[0]?.coding?.[0];
    if (continuation) continuation.code = '1';
    const selfAssessment = resources(bundle).find((r) => r.resourceType === 'ClaimResponse');
    if (selfAssessment?.resourceType === 'ClaimResponse') selfAssessment.item = [];
    expect(bundleProblems(bundle)).toEqual([
      `ig.bundle-invariant Bundle: invariant claimResponse-1 of ${TWPAS_PROFILES.bundle} is not met`,
      `ig.bundle-invariant Bundle: invariant claimResponse-2 of ${TWPAS_PROFILES.bundle} is not met`,
    ]);
  });

  it('fail a Herceptin item whose indication is given as text', () => {
    const bundle = sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab');
    const first = claimOf(bundle).item?.[0];
    if (first) first.programCode = [{ text: '轉移性乳癌' }];
    expect(bundleProblems(bundle)).toEqual([
      'ig.bundle-invariant Bundle.entry[0].resource.ofType(Claim).item[0].programCode: drug KC009612B5 needs a coded indication (applyReason-1: C50P1, C50P2, C50R1, C16R1)',
    ]);
  });
});

describe.skipIf(!sharedAvailable())('the breast cancer case, which carries every kind of evidence', () => {
  const bundle = buildRequestBundle(sandboxCase('a-breast-her2-trastuzumab-pertuzumab'), { seed: 'x' });
  const official = readExampleBundle('Bundle-bun-1.json');

  it('has the same set of entry slices as Bundle-bun-1', () => {
    const rules = twpasBundleRules();
    const sliceSet = (b: Bundle) =>
      [...new Set((b.entry ?? []).map((e) => sliceOf(e.resource, rules)?.name))].sort();
    expect(sliceSet(bundle)).toEqual(sliceSet(official));
    expect(sliceSet(bundle)).toHaveLength(23);
  });

  it('has a Claim with the same paths as the Claim of Bundle-bun-1', () => {
    expect(claimShape(claimOf(bundle))).toEqual(claimShape(claimOf(official)));
  });
});

describe('the Claim of a built Bundle', () => {
  const claims = built.map(({ key, bundle }) => ({ key, claim: claimOf(bundle) }));

  it('numbers supportingInfo 1..n without gaps and starts with weight and height', () => {
    for (const { key, claim } of claims) {
      const info = claim.supportingInfo ?? [];
      expect({ key, sequences: info.map((i) => i.sequence) }).toEqual({
        key,
        sequences: info.map((_, i) => i + 1),
      });
      expect(info.slice(0, 2).map((i) => [i.category.coding?.[0]?.code, i.valueQuantity?.code])).toEqual([
        ['weight', 'kg'],
        ['height', 'cm'],
      ]);
    }
  });

  it('refers to its evidence, the Coverage and the drugs by the urn:uuids of their entries', () => {
    const { bundle } = built[1] ?? { bundle: undefined };
    if (!bundle) throw new Error('no bundle');
    const claim = claimOf(bundle);
    const typeOf = (reference: string | undefined) =>
      bundle.entry?.find((entry) => entry.fullUrl === reference)?.resource?.resourceType;
    expect(
      claim.supportingInfo?.map((i) => [i.category.coding?.[0]?.code, typeOf(i.valueReference?.reference)]),
    ).toEqual([
      ['weight', undefined],
      ['height', undefined],
      ['imagingReport', 'DiagnosticReport'],
      ['cancerStage', 'Observation'],
      ['examinationReport', 'DiagnosticReport'],
      ['geneInfo', 'Observation'],
      ['tests', 'Observation'],
      ['tests', 'Observation'],
      ['tests', 'Observation'],
      ['patientAssessment', 'Observation'],
      ['medicationRequest', 'MedicationRequest'],
      ['radiotherapy', 'Procedure'],
      ['medicalRecord', 'DocumentReference'],
      ['treatmentAssessment', 'Observation'],
    ]);
    expect(typeOf(claim.insurance?.[0]?.coverage.reference)).toBe('Coverage');
    expect(typeOf(claim.item?.[0]?.extension?.[0]?.valueReference?.reference)).toBe('MedicationRequest');
    expect(typeOf(claim.extension?.[0]?.valueReference?.reference)).toBe('Encounter');
  });

  it('has the main diagnosis as sequence 1 with its recorded date and summary', () => {
    for (const { claim } of claims) {
      const main = claim.diagnosis?.[0];
      expect(main?.sequence).toBe(1);
      expect(main?.extension?.[0]?.url).toBe(
        'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-diagnosisRecordedDate',
      );
      expect(main?.type?.[0]?.text?.length).toBeGreaterThan(50);
    }
  });

  it('leaves the id and the payer identifiers out', () => {
    expect(claims.map(({ claim }) => [claim.id, claim.identifier])).toEqual(
      claims.map(() => [undefined, undefined]),
    );
  });

  it('carries meta.profile on every resource of the Bundle', () => {
    const missing = built.flatMap(({ bundle }) =>
      [bundle, ...resources(bundle)].filter((r) => r.meta?.profile?.length !== 1).map((r) => r.resourceType),
    );
    expect(missing).toEqual([]);
    expect(built[0]?.bundle.meta?.profile).toEqual([TWPAS_PROFILES.bundle]);
  });
});

describe('building is deterministic with a seed', () => {
  const breast = sandboxCase('a-breast-her2-trastuzumab-pertuzumab');

  it('gives the same Bundle JSON for the same seed', () => {
    expect(JSON.stringify(buildRequestBundle(breast, { seed: 's1' }))).toBe(
      JSON.stringify(buildRequestBundle(sandboxCase('a-breast-her2-trastuzumab-pertuzumab'), { seed: 's1' })),
    );
  });

  it('gives other urn:uuids, and otherwise the same Bundle, for another seed', () => {
    const a = JSON.stringify(buildRequestBundle(breast, { seed: 's1' }));
    const b = JSON.stringify(buildRequestBundle(breast, { seed: 's2' }));
    const strip = (json: string) => json.replace(/urn:uuid:[0-9a-f-]{36}/g, 'urn:uuid:?');
    expect(a).not.toBe(b);
    expect(strip(a)).toBe(strip(b));
  });

  it('gives random urn:uuids without a seed', () => {
    const urls = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.fullUrl);
    expect(urls(buildRequestBundle(breast))).not.toEqual(urls(buildRequestBundle(breast)));
  });
});

describe('buildRequestBundle refuses a case that breaks the guide', () => {
  function attempt(change: (c: PriorAuthCase) => void): () => Bundle {
    const c = sandboxCase('a-breast-her2-trastuzumab-pertuzumab');
    change(c);
    return () => buildRequestBundle(c, { seed: 'x' });
  }

  it('whose national ID disagrees with the gender', () => {
    expect(
      attempt((c) => {
        c.patient.gender = 'male';
      }),
    ).toThrow('patient national ID H291898154 says female, the case says male');
  });

  it('asking for Herceptin with an indication it does not allow', () => {
    expect(
      attempt((c) => {
        const first = c.items[0];
        if (first) first.programCode = { code: 'P072' };
      }),
    ).toThrow('drug KC009612B5 needs one of the indications C50P1, C50P2, C50R1, C16R1');
  });

  it('of priority 1 without an imaging report, examination report or gene test', () => {
    expect(
      attempt((c) => {
        c.imagingReports = [];
        c.examinationReports = [];
        c.geneTests = [];
      }),
    ).toThrow(
      'case a-breast-her2-trastuzumab-pertuzumab: needs an imaging report, examination report or gene test',
    );
  });

  it('of self-review without the self-assessment', () => {
    expect(
      attempt((c) => {
        c.priority = '3';
      }),
    ).toThrow(
      'case a-breast-her2-trastuzumab-pertuzumab: a self-review (priority 3) needs its selfAssessment',
    );
  });

  it('of self-review of a five-cancers diagnosis for first use', () => {
    expect(
      attempt((c) => {
        c.priority = '3';
        c.selfAssessment = { reviewerNationalIds: ['A123456789'], created: '2026-10-01', items: [] };
        c.selfAssessment.items = c.items.map(() => ({ approvedQuantity: 1, reason: '1' }));
      }),
    ).toThrow(
      'case a-breast-her2-trastuzumab-pertuzumab: self-review of C50.411 is only for repeat use (continuation 2)',
    );
  });

  it('of an appeal without the earlier acceptance number', () => {
    expect(
      attempt((c) => {
        c.applyType = '3';
      }),
    ).toThrow('apply type 3 (申復) needs the earlier acceptance number');
  });

  it('with a weight of more than two decimals', () => {
    expect(
      attempt((c) => {
        c.weightKg = 58.456;
      }),
    ).toThrow('weight 58.456 needs at most 3 integer and 2 decimal digits');
  });

  it('with an attachment name TWPAS cannot carry', () => {
    expect(
      attempt((c) => {
        c.medicalRecords = [{ category: 'medrec', title: '病歷', files: ['medical record.pdf'] }];
      }),
    ).toThrow('attachment file name "medical record.pdf" does not fit TWPAS');
  });
});

describe('an appeal', () => {
  it('carries the earlier acceptance number as the secondary identifier', () => {
    const c = sandboxCase('a-nsclc-egfr-osimertinib');
    c.applyType = '3';
    c.previousAcceptanceNumber = '202610140000123';
    const claim = claimOf(buildRequestBundle(c, { seed: 'appeal' }));
    expect([claim.identifier, claim.subType]).toEqual([
      [{ use: 'secondary', value: '202610140000123' }],
      {
        coding: [
          { system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-apply-type', code: '3', display: '申復' },
        ],
      },
    ]);
  });
});
