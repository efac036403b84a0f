import {
  type AdjudicationReasonCode,
  type ApplyTypeCode,
  allowedProgramCodes,
  type Condition,
  type ContinuationStatusCode,
  type Encounter,
  type LineOfTherapyCode,
  type MedicationRequest,
  type Observation,
  type PdfTypeCode,
  type PriorityCode,
  type Procedure,
  TWPAS_PROFILES,
} from '@openpas/fhir-model/browser';
import { type Chart, keyOf } from './chart.ts';
import { evidenceOf, profileOf } from './evidence.ts';

export interface DiagnosisDraft {
  icd10cm: string;
  edition: '2023' | '2014';
  /** What the code means, as the chart has it (shown, not sent) */
  display: string;
  recordedDate: string;
  /** 簡要病摘: required for the main (first) diagnosis */
  summary: string;
}

export interface ItemDraft {
  /** NHI drug code (CodeSystem nhi-medication) */
  drugCode: string;
  drugDisplay: string;
  /** 給付適應症 code from nhi-apply-reason; free text where the drug has no coded indications */
  programCode: string;
  programText: string;
  continuation: ContinuationStatusCode | '';
  lineOfTherapy: LineOfTherapyCode | '';
  /** 事前審查申請數量, as typed */
  quantity: string;
  /** UCUM unit of the quantity: {vial}, {tbl}, mg … */
  quantityUnit: string;
  /** The physician's order in the chart (MedicationRequest-apply) this item asks for */
  order: string;
  /** Self-review (priority 3): the hospital's own decision on this item */
  selfApprovedQuantity: string;
  selfReason: AdjudicationReasonCode | '';
}

/** A file the clinician attaches: a PDF (medical record or care plan) or a key image of an imaging report. */
export interface AttachmentDraft {
  name: string;
  contentType: string;
  size: number;
  /** Base64 of the bytes */
  data: string;
  kind: Extract<PdfTypeCode, 'medrec' | 'careplan'> | 'image';
  /** A PDF's title (a care plan's must be one of CARE_PLAN_TITLES) */
  title: string;
  /** For an image: the imaging report (`DiagnosticReport/id`) it belongs to */
  imagingReport: string;
}

/** Everything the request form holds; `bundleFromDraft` turns it and the chart into the request Bundle. */
export interface RequestDraft {
  applyType: ApplyTypeCode;
  priority: PriorityCode;
  /** 申請日期 */
  created: string;
  /** 原受理編號, for apply types 2–5 */
  previousAcceptanceNumber: string;
  weightKg: string;
  heightCm: string;
  pregnancy: 'yes' | 'no' | 'unknown';
  /** 就醫科別 */
  departmentCode: string;
  diagnoses: DiagnosisDraft[];
  procedures: { icd10pcs: string; date: string }[];
  items: ItemDraft[];
  /** Chart records cited (`Type/id`); by default every piece of evidence the chart holds */
  evidence: string[];
  attachments: AttachmentDraft[];
  /** Self-review: national IDs of the hospital's own reviewers */
  selfReviewers: string;
}

const ICD10CM_2014 = 'icd-10-cm-2014-tw';
const VITALS = { weight: '29463-7', height: '8302-2' } as const;

function latest<T extends { date?: string }>(list: T[]): T | undefined {
  return [...list].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
}

function vital(chart: Chart, loinc: string): string {
  const readings = [...chart.records.values()]
    .filter((r): r is Observation => r.resourceType === 'Observation')
    .filter((o) => o.code?.coding?.some((c) => c.code === loinc) && o.valueQuantity?.value !== undefined)
    .map((o) => ({ value: o.valueQuantity?.value, date: o.effectiveDateTime ?? '' }));
  const value = latest(readings)?.value;
  return value === undefined ? '' : String(value);
}

/**
 * The patient's active diagnoses, the main one first: the one the chart summarises (a note), then by the
 * date each was recorded.
 */
function diagnosesOf(chart: Chart): DiagnosisDraft[] {
  return [...chart.records.values()]
    .filter((r): r is Condition => r.resourceType === 'Condition')
    .filter((c) => c.clinicalStatus?.coding?.[0]?.code !== 'resolved')
    .sort(
      (a, b) =>
        Number(Boolean(b.note?.length)) - Number(Boolean(a.note?.length)) ||
        (a.recordedDate ?? '').localeCompare(b.recordedDate ?? ''),
    )
    .map((condition) => {
      const coding = condition.code?.coding?.[0];
      return {
        icd10cm: coding?.code ?? '',
        edition: coding?.system?.endsWith(ICD10CM_2014) ? '2014' : '2023',
        display: condition.code?.text ?? coding?.display ?? coding?.code ?? '',
        recordedDate: condition.recordedDate?.slice(0, 10) ?? '',
        summary: condition.note?.map((note) => note.text).join('\n') ?? '',
      } satisfies DiagnosisDraft;
    });
}

/** Earlier procedures (ICD-10-PCS) the chart holds outside the guide's radiotherapy records. */
function proceduresOf(chart: Chart): RequestDraft['procedures'] {
  return [...chart.records.values()]
    .filter((r): r is Procedure => r.resourceType === 'Procedure' && profileOf(r) === undefined)
    .filter((p) => p.code?.coding?.[0]?.system?.includes('icd-10-pcs'))
    .map((p) => ({
      icd10pcs: p.code?.coding?.[0]?.code ?? '',
      date: p.performedDateTime?.slice(0, 10) ?? '',
    }));
}

/** The physician's orders waiting for approval (MedicationRequest-apply), each one item of the request. */
export function ordersOf(chart: Chart): MedicationRequest[] {
  return [...chart.records.values()].filter(
    (r): r is MedicationRequest =>
      r.resourceType === 'MedicationRequest' && profileOf(r) === TWPAS_PROFILES.medicationRequestApply,
  );
}

export function emptyItem(order = ''): ItemDraft {
  return {
    drugCode: '',
    drugDisplay: '',
    programCode: '',
    programText: '',
    continuation: '1',
    lineOfTherapy: '',
    quantity: '',
    quantityUnit: '{vial}',
    order,
    selfApprovedQuantity: '',
    selfReason: '',
  };
}

function itemOf(order: MedicationRequest): ItemDraft {
  const coding = order.medicationCodeableConcept?.coding?.[0];
  const drugCode = coding?.code ?? '';
  const allowed = allowedProgramCodes(drugCode);
  return {
    ...emptyItem(keyOf(order)),
    drugCode,
    drugDisplay: coding?.display ?? order.medicationCodeableConcept?.text ?? '',
    programCode: allowed?.length === 1 ? (allowed[0] ?? '') : '',
  };
}

/**
 * The request as the chart prefills it: diagnoses with their summaries, the latest weight and height,
 * earlier procedures, the department of the planned visit, one item per waiting order, every piece of
 * evidence cited. What the chart cannot know (the quantity asked for, the indication where the drug has
 * several) is left for the clinician.
 */
export function draftFromChart(chart: Chart, today: string): RequestDraft {
  const encounter = [...chart.records.values()].find((r): r is Encounter => r.resourceType === 'Encounter');
  const orders = ordersOf(chart);
  return {
    applyType: '1',
    priority: '1',
    created: today,
    previousAcceptanceNumber: '',
    weightKg: vital(chart, VITALS.weight),
    heightCm: vital(chart, VITALS.height),
    pregnancy: 'unknown',
    departmentCode: encounter?.serviceType?.coding?.[0]?.code ?? '',
    diagnoses: diagnosesOf(chart),
    procedures: proceduresOf(chart),
    items: orders.length > 0 ? orders.map(itemOf) : [emptyItem()],
    evidence: evidenceOf(chart).map((item) => item.key),
    attachments: [],
    selfReviewers: '',
  };
}
