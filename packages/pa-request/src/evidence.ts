import {
  type DocumentReference,
  type Resource,
  SUPPORTING_INFO_CATEGORIES,
  type SupportingInfoCategory,
  TWPAS_PROFILES,
} from '@openpas/fhir-model/browser';
import { type Chart, keyOf } from './chart.ts';

/** A chart record the request can cite as evidence (a Claim.supportingInfo entry). */
export interface EvidenceItem {
  /** `Type/id` */
  key: string;
  category: Exclude<SupportingInfoCategory, 'weight' | 'height' | 'pregnancyBreastfeedingStatus'>;
  /** What a clinician recognises it by: the code's text or display, the title. */
  label: string;
  date?: string;
}

const BY_PROFILE: Readonly<Record<string, EvidenceItem['category']>> = {
  [TWPAS_PROFILES.diagnosticReportImage]: 'imagingReport',
  [TWPAS_PROFILES.observationCancerStage]: 'cancerStage',
  [TWPAS_PROFILES.diagnosticReport]: 'examinationReport',
  [TWPAS_PROFILES.observationDiagnostic]: 'geneInfo',
  [TWPAS_PROFILES.observationLaboratoryResult]: 'tests',
  [TWPAS_PROFILES.observationPatientAssessment]: 'patientAssessment',
  [TWPAS_PROFILES.medicationRequestTreat]: 'medicationRequest',
  [TWPAS_PROFILES.procedure]: 'radiotherapy',
  [TWPAS_PROFILES.observationTreatmentAssessment]: 'treatmentAssessment',
};

/** Documents cited on their own; lab and gene reports travel with their results instead. */
const DOCUMENT_CATEGORY: Readonly<Record<string, EvidenceItem['category']>> = {
  careplan: 'carePlanDocument',
  medrec: 'medicalRecord',
};

export function profileOf(resource: Resource): string | undefined {
  return resource.meta?.profile?.[0];
}

export function evidenceCategory(resource: Resource): EvidenceItem['category'] | undefined {
  if (resource.resourceType === 'DocumentReference') {
    const code = (resource as DocumentReference).category?.[0]?.coding?.[0]?.code;
    return code ? DOCUMENT_CATEGORY[code] : undefined;
  }
  const profile = profileOf(resource);
  return profile ? BY_PROFILE[profile] : undefined;
}

type Labelled = {
  code?: { text?: string; coding?: { code?: string; display?: string }[] };
  valueString?: string;
  valueCodeableConcept?: { text?: string; coding?: { code?: string; display?: string }[] };
  valueQuantity?: { value?: number; unit?: string; code?: string };
  conclusion?: string;
  medicationCodeableConcept?: { coding?: { code?: string; display?: string }[] };
  content?: { attachment?: { title?: string } }[];
  effectiveDateTime?: string;
  issued?: string;
  performedDateTime?: string;
  date?: string;
  dosageInstruction?: { timing?: { repeat?: { boundsPeriod?: { start?: string } } } }[];
};

/** What the record says: a result's value, a report's conclusion (briefly, unless `whole`). */
function resultOf(r: Labelled, whole = false): string | undefined {
  const quantity = r.valueQuantity;
  const text =
    r.valueString ??
    r.valueCodeableConcept?.text ??
    r.valueCodeableConcept?.coding?.[0]?.display ??
    r.valueCodeableConcept?.coding?.[0]?.code ??
    (quantity?.value !== undefined
      ? `${quantity.value} ${quantity.unit ?? quantity.code ?? ''}`.trim()
      : undefined) ??
    r.conclusion;
  return text && !whole && text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A record's name and its whole value, apart. */
export function recordLabel(resource: Resource): { label: string; value?: string } {
  const r = resource as Resource & Labelled;
  const coding = r.code?.coding?.[0] ?? r.medicationCodeableConcept?.coding?.[0];
  const label =
    r.code?.text ?? coding?.display ?? r.content?.[0]?.attachment?.title ?? coding?.code ?? keyOf(resource);
  const value = resultOf(r, true);
  return value ? { label, value } : { label };
}

function labelOf(resource: Resource): string {
  const r = resource as Resource & Labelled;
  const coding = r.code?.coding?.[0] ?? r.medicationCodeableConcept?.coding?.[0];
  const name = r.code?.text ?? coding?.display ?? r.content?.[0]?.attachment?.title;
  const value = resultOf(r);
  if (name) return value && !name.includes(value) ? `${name}: ${value}` : name;
  const code = coding?.code ?? keyOf(resource);
  return value ? `${value} (${code})` : code;
}

/** The record's date (effective, issued, performed …), as a calendar date. */
export function recordDate(resource: Resource): string | undefined {
  const r = resource as Resource & Labelled;
  const date =
    r.effectiveDateTime ??
    r.issued ??
    r.performedDateTime ??
    r.date ??
    r.dosageInstruction?.[0]?.timing?.repeat?.boundsPeriod?.start;
  return date?.slice(0, 10);
}

/** The chart's evidence in the order the guide's example Bundle cites it, then by date. */
export function evidenceOf(chart: Chart): EvidenceItem[] {
  const order = Object.keys(SUPPORTING_INFO_CATEGORIES);
  const items: EvidenceItem[] = [];
  for (const resource of chart.records.values()) {
    const category = evidenceCategory(resource);
    if (!category) continue;
    const date = recordDate(resource);
    items.push({ key: keyOf(resource), category, label: labelOf(resource), ...(date ? { date } : {}) });
  }
  return items.sort(
    (a, b) =>
      order.indexOf(a.category) - order.indexOf(b.category) || (a.date ?? '').localeCompare(b.date ?? ''),
  );
}
