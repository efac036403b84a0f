import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ImplementationGuide,
  loadImplementationGuide,
  type ValidationIssue,
  validateWithGuide,
} from '../src/index.ts';
import {
  claim,
  entries,
  type Json,
  REQUEST_BUNDLE_FILES,
  readExample,
  resource,
} from '../src/testing/index.ts';

const CLAIM_TWPAS = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-twpas';
const CLAIM_IMM = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-immunologic-agent-twpas';

function errors(issues: ValidationIssue[]): string[] {
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.rule} ${i.expression}: ${i.message.en}`);
}

describe.skipIf(!sharedAvailable())('the implementation-guide layer on ../shared/twpas/definitions', () => {
  let guide: ImplementationGuide;
  beforeAll(() => {
    guide = loadImplementationGuide([sharedPath('twpas', 'definitions')]);
  });

  it('loads the guide once, with its Bundle profiles handled by our own code', () => {
    expect(loadImplementationGuide([sharedPath('twpas', 'definitions')])).toBe(guide);
    expect([...guide.bundleRules.keys()].sort()).toEqual([...guide.loadFailures.keys()].sort());
    const rules = guide.bundleRules.get('https://nhicore.nhi.gov.tw/pas/StructureDefinition/Bundle-twpas');
    expect(rules?.programCodes.length).toBe(17);
    expect([...(rules?.invariants.keys() ?? [])]).toEqual(['claimResponse-1', 'claimResponse-2']);
    expect(rules?.unsupported.size).toBe(0);
  });

  it.each(REQUEST_BUNDLE_FILES)('accepts the official %s with no error', (file) => {
    expect(errors(validateWithGuide(readExample(file), guide))).toEqual([]);
  });

  it('refuses something that is not a Bundle', () => {
    expect(errors(validateWithGuide({ resourceType: 'Claim' }, guide))).toHaveLength(1);
  });

  function broken(change: (bundle: Json) => void, file = 'Bundle-bun-uuid-example.json'): string[] {
    const bundle = readExample(file);
    change(bundle);
    return errors(validateWithGuide(bundle, guide));
  }

  it('reports a Claim without patient at its path', () => {
    const found = broken((bundle) => {
      delete claim(bundle).patient;
    });
    expect(found).toEqual([
      `ig.profile Bundle.entry[0].resource.ofType(Claim).patient: Does not conform to ${CLAIM_TWPAS}: Missing required property`,
    ]);
  });

  it('reports a Claim claiming the immunologic-agent profile inside Bundle-twpas', () => {
    const found = broken((bundle) => {
      claim(bundle).meta = { profile: [CLAIM_IMM] };
    });
    expect(found.filter((line) => line.startsWith('ig.bundle-slices'))).toEqual([
      `ig.bundle-slices Bundle.entry[0].resource.ofType(Claim).meta.profile[0]: entry 0 claims profile ${CLAIM_IMM}, which fits no entry slice of https://nhicore.nhi.gov.tw/pas/StructureDefinition/Bundle-twpas (closed slicing)`,
      expect.stringMatching(
        /^ig\.bundle-slices Bundle\.entry: entry slice claim .* has 0 entries, expected 1\.\.1$/,
      ),
    ]);
  });

  it('reports an entry whose profile the guide does not know', () => {
    const found = broken((bundle) => {
      resource(bundle, 1).meta = { profile: ['https://example.org/StructureDefinition/Unknown'] };
    });
    expect(found.some((line) => line.startsWith('ig.bundle-slices Bundle.entry[1].resource.ofType('))).toBe(
      true,
    );
    expect(found.some((line) => line.includes('https://example.org/StructureDefinition/Unknown'))).toBe(true);
  });

  it('reports a Bundle whose meta.profile is none of the guide', () => {
    const found = broken((bundle) => {
      bundle.meta = { profile: ['https://example.org/StructureDefinition/Bundle'] };
    });
    expect(found).toEqual([expect.stringMatching(/^ig\.bundle-profile Bundle\.meta\.profile\[0\]: /)]);
  });

  it('reports a Bundle of another type', () => {
    const found = broken((bundle) => {
      bundle.type = 'transaction';
    });
    expect(found).toContain('ig.bundle-elements Bundle.type: Bundle.type must be "collection"');
  });

  it('reports a urn:uuid reference to no entry', () => {
    const found = broken((bundle) => {
      claim(bundle).patient = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    });
    expect(found).toContain(
      'ig.bundle-references Bundle.entry[0].resource.ofType(Claim).patient.reference: reference urn:uuid:00000000-0000-4000-8000-000000000000 matches no entry of the Bundle',
    );
  });

  it.each([
    ['Bundle-bun-uuid-example.json', 'KC009612B5'],
    ['Bundle-bun-1.json', 'KC011162B5'],
  ])(
    'reports in %s a reimbursement indication drug %s does not allow (applyReason invariant)',
    (file, drug) => {
      const bundle = readExample(file);
      const item = (claim(bundle).item as Json[])[1] as Json;
      const programCode = (item.programCode as Json[])[0] as Json;
      programCode.coding = [
        { system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-apply-reason', code: 'P111' },
      ];
      const found = errors(validateWithGuide(bundle, guide));
      expect(found).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ig\\.bundle-invariant Bundle\\.entry\\[0\\]\\.resource\\.ofType\\(Claim\\)\\.item\\[1\\]\\.programCode: drug ${drug} does not allow indication P111 \\(applyReason-\\d+: `,
          ),
        ),
      ]);
    },
  );

  it('reports an item of such a drug whose indication is not coded (applyReason invariant)', () => {
    const found = broken((bundle) => {
      const item = (claim(bundle).item as Json[])[1] as Json;
      item.programCode = [{ text: '轉移性乳癌' }];
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^ig\.bundle-invariant Bundle\.entry\[0\]\.resource\.ofType\(Claim\)\.item\[1\]\.programCode: drug KC009612B5 needs a coded indication \(applyReason-\d+: /,
      ),
    ]);
  });

  it('reports an entry missing from a required slice', () => {
    const found = broken((bundle) => {
      const list = entries(bundle);
      const index = list.findIndex((e) => (e.resource as Json).resourceType === 'Patient');
      list.splice(index, 1);
    });
    expect(
      found.some((line) =>
        /^ig\.bundle-slices Bundle\.entry: entry slice \w+ .*Patient-twpas\) has 0 entries/.test(line),
      ),
    ).toBe(true);
  });
});
