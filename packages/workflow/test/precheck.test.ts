import type { Bundle, Claim, DocumentReference } from '@openpas/fhir-model';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import { readExampleBundle } from '@openpas/fhir-model/testing';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { claimEntry, indexBundle } from '../src/bundle-index.ts';
import { precheck } from '../src/precheck.ts';

const OFFICIAL = [
  'Bundle-bun-1.json',
  'Bundle-bun-3.json',
  'Bundle-bun-imm.json',
  'Bundle-bun-self.json',
  'Bundle-bun-uuid-example.json',
];
/** The day after the latest sandbox application date. */
const NOW = new Date('2026-11-17T02:00:00Z');

function claimOf(bundle: Bundle): Claim {
  return claimEntry(bundle).resource;
}

function withoutCategories(bundle: Bundle, ...categories: string[]): Bundle {
  const copy = structuredClone(bundle);
  const claim = claimOf(copy);
  claim.supportingInfo = claim.supportingInfo?.filter(
    (info) => !categories.includes(info.category.coding?.[0]?.code ?? ''),
  );
  return copy;
}

function codes(bundle: Bundle, now = NOW): string[] {
  return precheck(bundle, { now }).map((r) => r.code);
}

describe.skipIf(!sharedAvailable())('the pre-check on the official request Bundles', () => {
  it.each(OFFICIAL)('finds %s complete', (file) => {
    expect(precheck(readExampleBundle(file), { now: NOW })).toEqual([]);
  });
});

describe('the pre-check on the sandbox cases', () => {
  it.each(SANDBOX_CASE_KEYS)('finds %s complete', (key) => {
    expect(precheck(sandboxRequestBundle(key), { now: NOW })).toEqual([]);
  });
});

describe('the pre-check on broken cases', () => {
  const breast = () => sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab');

  it('reports a missing weight with its zh-TW and English text', () => {
    expect(precheck(withoutCategories(breast(), 'weight'), { now: NOW })).toEqual([
      {
        code: 'weight-missing',
        zh: '未填病人體重（公斤）',
        en: 'the patient’s body weight (kg) is missing',
        expression: 'Claim.supportingInfo',
      },
    ]);
  });

  it('reports a missing height', () => {
    expect(codes(withoutCategories(breast(), 'height'))).toEqual(['height-missing']);
  });

  it('reports a height given in the wrong unit', () => {
    const bundle = breast();
    const height = claimOf(bundle).supportingInfo?.find((i) => i.category.coding?.[0]?.code === 'height');
    if (height?.valueQuantity) height.valueQuantity.code = 'm';
    expect(codes(bundle)).toEqual(['height-missing']);
  });

  it('reports missing imaging, examination and gene evidence for priority 1', () => {
    expect(codes(withoutCategories(breast(), 'imagingReport', 'examinationReport', 'geneInfo'))).toEqual([
      'evidence-missing',
    ]);
  });

  it('accepts a case that has only one of the three kinds of evidence', () => {
    expect(codes(withoutCategories(breast(), 'imagingReport', 'examinationReport'))).toEqual([]);
  });

  it('reports a missing cancer stage for a first use', () => {
    expect(codes(withoutCategories(breast(), 'cancerStage'))).toEqual(['cancer-stage-missing']);
  });

  it('reports a C61 repeat use without tests', () => {
    expect(
      codes(withoutCategories(sandboxRequestBundle('b-prostate-enzalutamide-renewal'), 'tests')),
    ).toEqual(['prostate-repeat-tests-missing']);
  });

  it('reports a myeloma (C90) case without tests or reports', () => {
    const bundle = withoutCategories(
      sandboxRequestBundle('a-myeloma-daratumumab'),
      'tests',
      'imagingReport',
      'examinationReport',
      'geneInfo',
    );
    expect(codes(bundle)).toEqual(['blood-cancer-evidence-missing']);
  });

  it('accepts a myeloma (C90) case with tests but no report', () => {
    const bundle = withoutCategories(
      sandboxRequestBundle('a-myeloma-daratumumab'),
      'imagingReport',
      'examinationReport',
      'geneInfo',
    );
    expect(codes(bundle)).toEqual([]);
  });

  it('reports a supportingInfo that references nothing in the Bundle', () => {
    const bundle = breast();
    const infos = claimOf(bundle).supportingInfo ?? [];
    const index = infos.findIndex((i) => i.category.coding?.[0]?.code === 'medicalRecord');
    const info = infos[index];
    if (info) info.valueReference = { reference: 'urn:uuid:11111111-2222-4333-8444-555555555555' };
    expect(precheck(bundle, { now: NOW })).toEqual([
      {
        code: 'supporting-info-unresolved',
        zh: `補充資訊第 ${info?.sequence} 項（medicalRecord）未指向申請檔中的任何資料：urn:uuid:11111111-2222-4333-8444-555555555555`,
        en: `supporting information ${info?.sequence} (medicalRecord) refers to nothing in the Bundle: urn:uuid:11111111-2222-4333-8444-555555555555`,
        expression: `Claim.supportingInfo[${index}]`,
      },
    ]);
  });

  it('reports a supportingInfo with no value at all', () => {
    const bundle = breast();
    const info = claimOf(bundle).supportingInfo?.find(
      (i) => i.category.coding?.[0]?.code === 'treatmentAssessment',
    );
    if (info) delete info.valueReference;
    expect(codes(bundle)).toEqual(['supporting-info-unresolved']);
  });

  it.each([
    ['file://A00318826_Gene_20260930.docx', undefined],
    ['https://example.org/report.pdf', undefined],
    ['file://A00318826_Gene_20260930.pdf', 'image/png'],
  ])('reports the attachment %s (%s) as not a PDF', (url, contentType) => {
    const bundle = breast();
    const entryIndex = (bundle.entry ?? []).findIndex(
      (e) => e.resource?.resourceType === 'DocumentReference',
    );
    const document = bundle.entry?.[entryIndex]?.resource as DocumentReference;
    const attachment = document.content[0]?.attachment;
    if (attachment) {
      attachment.url = url;
      if (contentType) attachment.contentType = contentType;
    }
    expect(precheck(bundle, { now: NOW })).toMatchObject([
      {
        code: 'attachment-not-pdf',
        expression: `Bundle.entry[${entryIndex}].resource.content[0].attachment`,
      },
    ]);
  });

  it('reports a lab result older than 180 days before the application date', () => {
    const bundle = breast();
    const index = indexBundle(bundle);
    const tests = claimOf(bundle).supportingInfo?.find((i) => i.category.coding?.[0]?.code === 'tests');
    const lab = index.resolve(tests?.valueReference?.reference);
    if (lab?.resourceType === 'Observation') lab.effectiveDateTime = '2026-04-07';
    expect(precheck(bundle, { now: NOW })).toMatchObject([
      {
        code: 'lab-result-too-old',
        zh: '檢驗結果（2026-04-07）距申請日 2026-10-05 已 181 天，超過 180 天',
        en: 'the test result of 2026-04-07 is 181 days older than the application date 2026-10-05 (limit 180)',
      },
    ]);
    expect(precheck(bundle, { now: NOW, maxLabAgeDays: 181 })).toEqual([]);
  });

  it('reports an application date after today', () => {
    expect(codes(breast(), new Date('2026-10-04T15:59:00Z'))).toEqual(['application-date-in-future']);
    expect(codes(breast(), new Date('2026-10-04T16:00:00Z'))).toEqual([]);
  });

  it('reports every problem of a case at once, in rule order', () => {
    const bundle = withoutCategories(breast(), 'weight', 'height', 'cancerStage');
    expect(codes(bundle)).toEqual(['weight-missing', 'height-missing', 'cancer-stage-missing']);
  });
});
