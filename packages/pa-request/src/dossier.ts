import {
  type Attachment,
  type Bundle,
  type Claim,
  type ClaimResponse,
  type CodeableConcept,
  IDENTIFIER_SYSTEMS,
  type MedicationRequest,
  type Organization,
  type Patient,
  type Resource,
  SUPPORTING_INFO_CATEGORIES,
} from '@openpas/fhir-model/browser';
import { type BundleIndex, indexBundle } from '@openpas/workflow';
import { keyOf } from './chart.ts';
import { recordDate, recordLabel } from './evidence.ts';

// The payer reviewer's reading of a submitted TWPAS Bundle: who the patient is (national ID masked), what
// is asked for, and every piece of evidence in the order the Claim cites it, with its values, units and
// attached files. Pure: the portal renders it, the tests read it.

type Label = { zh: string; en: string };

export interface DossierFile {
  /** The file name the hospital gave it (Attachment.title), or a made-up one */
  name: string;
  contentType: string;
  /** base64 content, when sent inline */
  data?: string;
  url?: string;
  /** Bytes, when known */
  size?: number;
}

export interface DossierRecord {
  key: string;
  /** What the record is: a code's text or display, a title */
  label: string;
  /** The value with its unit, a conclusion, a stage … */
  value?: string;
  date?: string;
  /** Parts of a panel or a gene result (component code: value unit) */
  parts: string[];
  files: DossierFile[];
}

export interface DossierSection {
  /** Claim.supportingInfo category code */
  category: string;
  title: Label;
  records: DossierRecord[];
}

export interface DossierDiagnosis {
  code?: string;
  /** The code's text: its display, or the diagnosis' own description */
  text: string;
  recordedDate?: string;
}

export interface DossierItem {
  sequence: number;
  drug: string;
  drugCode?: string;
  quantity: string;
  /** Indication / program code (給付規定代碼) and its text */
  programCode?: string;
  /** Continuation status, line of therapy … (display texts) */
  modifiers: string[];
  dosage?: string;
}

export interface Dossier {
  patient: {
    name: string;
    /** e.g. `******6789`: all but the last 4 characters hidden */
    maskedId?: string;
    gender?: string;
    birthDate?: string;
  };
  hospital?: { name: string; code?: string };
  submitted?: string;
  diagnoses: DossierDiagnosis[];
  items: DossierItem[];
  /** Weight, height, pregnancy: the Claim's own values */
  vitals: { title: Label; value: string }[];
  sections: DossierSection[];
  /** The hospital's own assessment of the request (a self-assessment ClaimResponse in the Bundle) */
  selfAssessment: string[];
}

/** All but the last 4 characters replaced by `*`. */
export function maskIdentifier(value: string): string {
  return value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

function conceptText(concept: CodeableConcept | undefined): string | undefined {
  const coding = concept?.coding?.[0];
  return concept?.text ?? coding?.display ?? coding?.code;
}

type Resolve = BundleIndex['resolve'];

function filesOf(value: unknown, found: DossierFile[] = [], depth = 0): DossierFile[] {
  if (depth > 6 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const one of value) filesOf(one, found, depth + 1);
    return found;
  }
  const record = value as Record<string, unknown>;
  if (
    typeof record.contentType === 'string' &&
    (typeof record.data === 'string' || typeof record.url === 'string')
  ) {
    const attachment = record as Attachment;
    const name = attachment.title ?? `attachment-${found.length + 1}`;
    found.push({
      name,
      contentType: attachment.contentType ?? 'application/octet-stream',
      ...(attachment.data ? { data: attachment.data } : {}),
      ...(attachment.url ? { url: attachment.url } : {}),
      ...(attachment.size !== undefined
        ? { size: attachment.size }
        : attachment.data
          ? { size: Math.floor((attachment.data.length * 3) / 4) }
          : {}),
    });
    return found;
  }
  for (const [key, one] of Object.entries(record)) {
    if (key === 'text' || key === 'meta') continue;
    filesOf(one, found, depth + 1);
  }
  return found;
}

type WithParts = {
  component?: {
    code?: CodeableConcept;
    valueQuantity?: { value?: number; unit?: string; code?: string };
    valueString?: string;
    valueCodeableConcept?: CodeableConcept;
  }[];
};

function partsOf(resource: Resource): string[] {
  return ((resource as Resource & WithParts).component ?? []).map((part) => {
    const name = conceptText(part.code) ?? '';
    const quantity = part.valueQuantity;
    const value =
      part.valueString ??
      conceptText(part.valueCodeableConcept) ??
      (quantity?.value !== undefined
        ? `${quantity.value} ${quantity.unit ?? quantity.code ?? ''}`.trim()
        : '');
    return value ? `${name}: ${value}` : name;
  });
}

function recordOf(resource: Resource, resolve: Resolve): DossierRecord {
  const files = filesOf(resource);
  // A result's report and an imaging report's media travel as their own resources.
  const linked = resource as Resource & {
    derivedFrom?: { reference?: string }[];
    result?: { reference?: string }[];
    media?: { link?: { reference?: string } }[];
  };
  for (const ref of [
    ...(linked.derivedFrom ?? []),
    ...(linked.result ?? []),
    ...(linked.media ?? []).map((m) => m.link ?? {}),
  ]) {
    const target = resolve(ref.reference);
    if (target?.resourceType === 'DocumentReference' || target?.resourceType === 'Media')
      filesOf(target, files);
  }
  const date = recordDate(resource);
  const { label, value } = recordLabel(resource);
  return {
    key: keyOf(resource),
    label,
    ...(value ? { value } : {}),
    ...(date ? { date } : {}),
    parts: partsOf(resource),
    files,
  };
}

function quantityText(q: { value?: number; unit?: string; code?: string } | undefined): string {
  return q ? `${q.value ?? ''} ${q.unit ?? q.code ?? ''}`.trim() : '';
}

function itemsOf(claim: Claim, resolve: Resolve): DossierItem[] {
  return (claim.item ?? []).map((item) => {
    const reference = item.extension?.find((e) => e.url.endsWith('extension-requestedService'))
      ?.valueReference?.reference;
    const request = resolve(reference) as MedicationRequest | undefined;
    const drug = request?.medicationCodeableConcept;
    const program = item.programCode?.[0];
    const dosage = request?.dosageInstruction?.[0]?.text;
    const drugCode = drug?.coding?.[0]?.code;
    const programCode = program?.coding?.[0]?.code ?? program?.text;
    return {
      sequence: item.sequence,
      drug: conceptText(drug) ?? conceptText(item.productOrService) ?? '',
      ...(drugCode ? { drugCode } : {}),
      quantity: quantityText(item.quantity),
      ...(programCode
        ? {
            programCode:
              program?.text && program.text !== programCode ? `${programCode} ${program.text}` : programCode,
          }
        : {}),
      modifiers: (item.modifier ?? []).map((m) => conceptText(m) ?? '').filter(Boolean),
      ...(dosage ? { dosage } : {}),
    };
  });
}

function selfAssessmentOf(bundle: Bundle): string[] {
  const own = (bundle.entry ?? [])
    .map((entry) => entry.resource)
    .find((resource): resource is ClaimResponse => resource?.resourceType === 'ClaimResponse');
  if (!own) return [];
  const notes = (own.processNote ?? []).map((note) => note.text);
  const items = (own.item ?? []).flatMap((item) =>
    (item.adjudication ?? []).map(
      (a) => `#${item.itemSequence}: ${conceptText(a.reason) ?? conceptText(a.category) ?? ''}`,
    ),
  );
  return [...notes, ...items].filter(Boolean);
}

/** The submission as the reviewer reads it. */
export function dossierOf(bundle: Bundle): Dossier {
  const { resolve } = indexBundle(bundle);
  const claim = (bundle.entry ?? []).find((e) => e.resource?.resourceType === 'Claim')?.resource as
    | Claim
    | undefined;
  const patient = resolve(claim?.patient?.reference) as Patient | undefined;
  const nationalId = patient?.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.nationalId)?.value;
  const name = patient?.name?.[0];
  const provider = resolve(claim?.provider?.reference) as Organization | undefined;
  const vitals: Dossier['vitals'] = [];
  const sections = new Map<string, DossierSection>();
  for (const info of claim?.supportingInfo ?? []) {
    const category = info.category.coding?.[0]?.code ?? '';
    const title = SUPPORTING_INFO_CATEGORIES[category as keyof typeof SUPPORTING_INFO_CATEGORIES] ?? {
      zh: category,
      en: category,
    };
    if (info.valueQuantity || info.valueBoolean !== undefined || info.valueString) {
      const value = info.valueQuantity
        ? quantityText(info.valueQuantity)
        : (info.valueString ?? (info.valueBoolean ? 'yes' : 'no'));
      vitals.push({ title, value });
      continue;
    }
    const resource = resolve(info.valueReference?.reference);
    if (!resource) continue;
    const section: DossierSection = sections.get(category) ?? { category, title, records: [] };
    section.records.push(recordOf(resource, resolve));
    sections.set(category, section);
  }
  const submitted = claim?.created;
  return {
    patient: {
      name: name?.text ?? [name?.family, ...(name?.given ?? [])].filter(Boolean).join('') ?? '',
      ...(nationalId ? { maskedId: maskIdentifier(nationalId) } : {}),
      ...(patient?.gender ? { gender: patient.gender } : {}),
      ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}),
    },
    ...(provider
      ? {
          hospital: {
            name: provider.name ?? '',
            ...(provider.identifier?.[0]?.value ? { code: provider.identifier[0].value } : {}),
          },
        }
      : {}),
    ...(submitted ? { submitted } : {}),
    diagnoses: (claim?.diagnosis ?? []).map((diagnosis) => {
      const condition = resolve(diagnosis.diagnosisReference?.reference) as
        | { code?: CodeableConcept }
        | undefined;
      const concept = diagnosis.diagnosisCodeableConcept ?? condition?.code;
      const recordedDate = diagnosis.extension?.find((e) =>
        e.url.endsWith('extension-diagnosisRecordedDate'),
      )?.valueDate;
      const code = concept?.coding?.[0]?.code;
      return {
        ...(code ? { code } : {}),
        text: diagnosis.type?.[0]?.text ?? concept?.coding?.[0]?.display ?? concept?.text ?? '',
        ...(recordedDate ? { recordedDate } : {}),
      };
    }),
    items: claim ? itemsOf(claim, resolve) : [],
    vitals,
    sections: [...sections.values()],
    selfAssessment: selfAssessmentOf(bundle),
  };
}
