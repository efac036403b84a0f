import {
  type Claim,
  SANDBOX_CASE_KEYS,
  type SandboxCaseKey,
  sandboxCase,
  sandboxRequestBundle,
} from '@openpas/fhir-model';
import { BUNDLED_PACKAGE_PATH } from '@openpas/guide-package';
import { inThreadGuide } from '@openpas/ig-validation';
import { toOperationOutcome, validateRequestBundle } from '@openpas/twpas-validation';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundleFromDraft,
  draftFromChart,
  findingsOf,
  followUpDraft,
  type RequestDraft,
  readChart,
} from '../src/index.ts';
import { chartReader, sandboxChartRecords } from './chart-reader.ts';

const guide = inThreadGuide([BUNDLED_PACKAGE_PATH]);
afterAll(() => guide.close());

async function chartOf(key: SandboxCaseKey) {
  const records = sandboxChartRecords(sandboxRequestBundle(key), key);
  return readChart(chartReader(records), key);
}

/** What the clinician types that no chart holds: the indication, the quantity, the line of therapy … */
function asTheClinicianFillsIt(draft: RequestDraft, key: SandboxCaseKey): RequestDraft {
  const source = sandboxCase(key);
  return {
    ...draft,
    priority: source.priority,
    created: source.applicationDate,
    pregnancy:
      source.pregnancyOrBreastfeeding === undefined
        ? 'unknown'
        : source.pregnancyOrBreastfeeding
          ? 'yes'
          : 'no',
    items: draft.items.map((item) => {
      const i = source.items.findIndex((candidate) => candidate.drugCode === item.drugCode);
      const drug = source.items[i];
      if (!drug) return item;
      const self = source.selfAssessment?.items[i];
      return {
        ...item,
        programCode: 'code' in drug.programCode ? drug.programCode.code : '',
        programText: 'text' in drug.programCode ? drug.programCode.text : '',
        continuation: drug.continuation,
        lineOfTherapy: drug.lineOfTherapy ?? '',
        quantity: String(drug.quantity.value),
        quantityUnit: drug.quantity.unit,
        selfApprovedQuantity: self ? String(self.approvedQuantity) : '',
        selfReason: self?.reason ?? '',
      };
    }),
    selfReviewers: source.selfAssessment?.reviewerNationalIds.join(',') ?? '',
  };
}

describe('the request the app builds from each sandbox chart', () => {
  it.each(SANDBOX_CASE_KEYS)('%s passes both validation layers', async (key) => {
    const chart = await chartOf(key);
    const draft = asTheClinicianFillsIt(draftFromChart(chart, '2026-12-05'), key);
    const source = sandboxCase(key);
    // The main diagnosis first (it carries the summary); the rest and the orders in any order.
    expect(draft.diagnoses[0]?.icd10cm).toBe(source.diagnoses[0]?.icd10cm);
    expect(draft.diagnoses.map((d) => d.icd10cm).sort()).toEqual(
      source.diagnoses.map((d) => d.icd10cm).sort(),
    );
    expect(draft.weightKg).toBe(String(source.weightKg));
    expect(draft.items.map((i) => i.drugCode).sort()).toEqual(source.items.map((i) => i.drugCode).sort());

    const { bundle } = bundleFromDraft(draft, chart, { practitioner: undefined, seed: key });
    const builtIn = validateRequestBundle(bundle).filter((i) => i.severity === 'error');
    expect(builtIn).toEqual([]);
    const guided = (await guide.validateBundle(bundle)).filter((i) => i.severity === 'error');
    expect(guided).toEqual([]);
    // Everything the original request cited is cited again.
    type Cites = { supportingInfo?: { category: { coding: { code: string }[] } }[] };
    const cited = (b: typeof bundle) =>
      ((b.entry?.[0]?.resource ?? {}) as Cites).supportingInfo?.map((s) => s.category.coding[0]?.code).sort();
    expect(cited(bundle)).toEqual(cited(sandboxRequestBundle(key)));
  });
});

describe('what the completeness check says about gaps', () => {
  it('puts each finding on the field the clinician left empty', async () => {
    const key = SANDBOX_CASE_KEYS[0];
    const chart = await chartOf(key);
    const filled = asTheClinicianFillsIt(draftFromChart(chart, '2026-12-05'), key);
    const first = filled.diagnoses[0];
    const item = filled.items[0];
    if (!first || !item) throw new Error('the chart has a diagnosis and an order');
    const gaps: RequestDraft = {
      ...filled,
      weightKg: '',
      diagnoses: [{ ...first, summary: '' }, ...filled.diagnoses.slice(1)],
      items: [{ ...item, quantity: '' }, ...filled.items.slice(1)],
    };
    const { bundle, entryFields } = bundleFromDraft(gaps, chart);
    for (const language of ['en', 'zh-TW'] as const) {
      const outcome = toOperationOutcome(validateRequestBundle(bundle), language);
      const fields = findingsOf(outcome, entryFields, language)
        .filter((f) => f.severity === 'error')
        .map((f) => f.field);
      expect(fields.sort()).toEqual(['diagnoses.0.summary', 'items.0.quantity', 'weightKg']);
    }
    const [summary] = findingsOf(
      toOperationOutcome(validateRequestBundle(bundle), 'en'),
      entryFields,
      'en',
    ).filter((f) => f.field === 'diagnoses.0.summary');
    expect(summary?.en).toMatch(/summary/);
    expect(summary?.zh).toMatch(/病摘/);
  });

  it('carries an attached PDF inside the Bundle, cited as a medical record', async () => {
    const key = SANDBOX_CASE_KEYS[1];
    const chart = await chartOf(key);
    const draft = asTheClinicianFillsIt(draftFromChart(chart, '2026-12-05'), key);
    const pdf = Buffer.from('%PDF-1.4\n%openpas\n').toString('base64');
    draft.attachments = [
      {
        name: 'op note 2024.pdf',
        contentType: 'application/pdf',
        size: 18,
        data: pdf,
        kind: 'medrec',
        title: '手術紀錄',
        imagingReport: '',
      },
    ];
    const { bundle, entryFields } = bundleFromDraft(draft, chart);
    const index = entryFields.indexOf('attachments.0');
    const document = bundle.entry?.[index]?.resource as {
      content: { attachment: { url: string; data: string } }[];
    };
    expect(document.content[0]?.attachment).toMatchObject({ url: 'file://op_note_2024.pdf', data: pdf });
    expect(validateRequestBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
    expect((await guide.validateBundle(bundle)).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('a follow-up of a decided case (subType 2–5)', () => {
  it('is prefilled with the earlier acceptance number and items, and passes the built-in rules', async () => {
    const key = SANDBOX_CASE_KEYS[2];
    const chart = await chartOf(key);
    const first = asTheClinicianFillsIt(draftFromChart(chart, '2026-12-05'), key);
    const earlier = bundleFromDraft(first, chart).bundle.entry?.[0]?.resource as Claim;
    earlier.identifier = [{ use: 'official', value: '202612050101090517000001' }];
    const appeal = followUpDraft(
      { ...draftFromChart(chart, '2026-12-06'), priority: first.priority },
      earlier,
      '3',
    );
    expect(appeal.applyType).toBe('3');
    expect(appeal.previousAcceptanceNumber).toBe('202612050101090517000001');
    expect(appeal.items.map((item) => [item.programCode, item.quantity])).toEqual(
      first.items.map((item) => [item.programCode, item.quantity]),
    );
    const { bundle } = bundleFromDraft(appeal, chart);
    const claim = bundle.entry?.[0]?.resource as Claim;
    expect(claim.subType?.coding?.[0]?.code).toBe('3');
    expect(validateRequestBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
