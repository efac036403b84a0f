import {
  allowedProgramCodes,
  type Bundle,
  buildClaim,
  buildCoverage,
  buildDocumentReference,
  buildEncounter,
  buildMedia,
  buildNhiaOrganization,
  buildSelfAssessmentClaimResponse,
  CARE_PLAN_TITLES,
  type Claim,
  type ClaimSupportingInfoInput,
  type Coverage,
  concept,
  type DiagnosticReport,
  type MedicationRequest,
  orderSupportingInfo,
  type Patient,
  profileMeta,
  type Resource,
  reference,
  TWPAS_CODE_SYSTEMS,
  TWPAS_PROFILES,
  UrnAllocator,
  ucum,
} from '@openpas/fhir-model/browser';
import { type Chart, keyOf, referencesIn } from './chart.ts';
import type { RequestDraft } from './draft.ts';
import { evidenceCategory } from './evidence.ts';
import { guideFileName } from './files.ts';

export interface BuiltRequest {
  bundle: Bundle;
  /** The form field each entry comes from (by entry index), for placing the check's findings */
  entryFields: (string | undefined)[];
}

export interface BuildOptions {
  /** The signed-in clinician (`Practitioner/id`, the id_token's fhirUser), the Claim's enterer */
  practitioner?: string | undefined;
  /** Same seed, same urn:uuids (tests); random otherwise */
  seed?: string;
}

interface Pending {
  urn: string;
  resource: Resource;
  field: string | undefined;
}

/** Strips what the chart's server added (id, version, tags), keeping the profile claimed. */
function copyOf<T extends Resource>(resource: T): T {
  const copy = structuredClone(resource) as T & { id?: string; text?: unknown };
  delete copy.id;
  delete copy.text;
  const profile = resource.meta?.profile;
  if (profile?.length) copy.meta = { profile: [...profile] };
  else delete copy.meta;
  return copy;
}

function rewrite(value: unknown, urns: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, urns));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] =
        key === 'reference' && typeof item === 'string' ? (urns.get(item) ?? item) : rewrite(item, urns);
    return out;
  }
  return value;
}

function numberOf(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * The TWPAS request Bundle for a draft: the Claim first, then the visit, the patient, the clinician and
 * the hospital as the chart has them, each piece of evidence cited followed by what it points at, the
 * orders asked for, the coverage and the payer, the attached files and, for a self-review, the hospital's
 * own assessment. Chart records lose their ids and point at each other by urn:uuid. Nothing the clinician
 * left empty is guessed: the gap is left out of the Claim, so the completeness check ($validate) names it.
 */
export function bundleFromDraft(draft: RequestDraft, chart: Chart, options: BuildOptions = {}): BuiltRequest {
  const allocator = new UrnAllocator(options.seed);
  const urns = new Map<string, string>();
  const pending: Pending[] = [];
  const add = (name: string, resource: Resource, field?: string) => {
    const urn = allocator.urn(name);
    pending.push({ urn, resource, field });
    return urn;
  };
  const addRecord = (key: string, field?: string): string | undefined => {
    const known = urns.get(key);
    if (known) return known;
    const record = chart.records.get(key);
    if (!record) return undefined;
    const urn = add(key, copyOf(record), field);
    urns.set(key, urn);
    return urn;
  };
  const addWithReferences = (key: string, field?: string) => {
    const urn = addRecord(key, field);
    const record = chart.records.get(key);
    if (urn && record) for (const reference of referencesIn(record)) addWithReferences(reference, field);
    return urn;
  };

  const claimUrn = add('claim', { resourceType: 'Claim' } as Resource, 'claim');
  const encounter = add('encounter', buildEncounter(draft.departmentCode), 'departmentCode');
  const patientKey = keyOf(chart.patient);
  addRecord(patientKey, 'patient');
  const practitionerKey =
    options.practitioner && chart.records.has(options.practitioner)
      ? options.practitioner
      : [...chart.records.keys()].find((key) => key.startsWith('Practitioner/'));
  const enterer = practitionerKey ? addRecord(practitionerKey, 'practitioner') : undefined;
  const hospitalKey = (chart.patient as Patient).managingOrganization?.reference;
  const provider = hospitalKey ? addRecord(hospitalKey, 'patient') : undefined;

  const info: ClaimSupportingInfoInput[] = [];
  const weight = numberOf(draft.weightKg);
  const height = numberOf(draft.heightCm);
  if (weight !== undefined) info.push({ category: 'weight', kg: weight });
  if (height !== undefined) info.push({ category: 'height', cm: height });
  if (draft.pregnancy !== 'unknown')
    info.push({ category: 'pregnancyBreastfeedingStatus', value: draft.pregnancy === 'yes' });
  for (const key of draft.evidence) {
    const record = chart.records.get(key);
    const category = record && evidenceCategory(record);
    const urn = category && addWithReferences(key, 'evidence');
    if (category && urn) info.push({ category, reference: urn });
  }

  const requested = draft.items.map((item, i) => {
    const order = item.order ? chart.records.get(item.order) : undefined;
    const request: MedicationRequest = order
      ? (copyOf(order) as MedicationRequest)
      : {
          resourceType: 'MedicationRequest',
          meta: profileMeta(TWPAS_PROFILES.medicationRequestApply),
          status: 'on-hold',
          intent: 'plan',
          subject: reference(patientKey),
        };
    request.medicationCodeableConcept = concept(TWPAS_CODE_SYSTEMS.medication, item.drugCode);
    const urn = add(`item/${i}`, request, `items.${i}.drugCode`);
    if (item.order) urns.set(item.order, urn);
    return urn;
  });

  const coverageRecord = [...chart.records.values()].find(
    (r): r is Coverage => r.resourceType === 'Coverage' && (r as Coverage).status === 'active',
  );
  let coverage: string;
  let payer: string;
  if (coverageRecord) {
    coverage = addWithReferences(keyOf(coverageRecord), 'patient') ?? '';
    payer = urns.get(coverageRecord.payor?.[0]?.reference ?? '') ?? '';
  } else {
    payer = add('payer', buildNhiaOrganization(), 'patient');
    coverage = add('coverage', buildCoverage({ beneficiary: patientKey, payor: payer }), 'patient');
  }

  draft.attachments.forEach((file, i) => {
    const field = `attachments.${i}`;
    const name = guideFileName(file.name, file.contentType);
    if (file.kind === 'image') {
      const media = buildMedia(
        { file: name, contentType: file.contentType as 'image/png' },
        { patient: patientKey },
      );
      media.content = { ...media.content, data: file.data, size: file.size, title: file.name };
      const urn = add(`attachment/${i}`, media, field);
      const report = pending.find((p) => urns.get(file.imagingReport) === p.urn)
        ?.resource as DiagnosticReport;
      if (report) report.media = [...(report.media ?? []), { link: { reference: urn } }];
      return;
    }
    const title = file.title || file.name;
    // A care plan's title is one of the guide's; another is built as allowed, then put back for the check.
    const standIn = file.kind === 'careplan' && !(CARE_PLAN_TITLES as readonly string[]).includes(title);
    const document = buildDocumentReference(
      { category: file.kind, title: standIn ? CARE_PLAN_TITLES[0] : title, files: [name] },
      { patient: patientKey },
    );
    const attachment = document.content[0]?.attachment;
    if (attachment) Object.assign(attachment, { data: file.data, size: file.size, title });
    const urn = add(`attachment/${i}`, document, field);
    info.push({ category: file.kind === 'careplan' ? 'carePlanDocument' : 'medicalRecord', reference: urn });
  });

  if (draft.priority === '3') {
    const assessment = buildSelfAssessmentClaimResponse(
      {
        reviewerNationalIds: draft.selfReviewers.split(/[\s,，、]+/).filter(Boolean),
        created: draft.created,
        items: draft.items.map((item, i) => ({
          itemSequence: i + 1,
          reason: item.selfReason || '1',
          approvedQuantity: numberOf(item.selfApprovedQuantity) ?? 0,
        })),
      },
      { patient: patientKey, insurer: payer },
    );
    add('self-assessment', assessment, 'selfReviewers');
  }

  const claim = claimOf(draft, {
    patient: patientKey,
    enterer: enterer ?? '',
    provider: provider ?? '',
    encounter,
    coverage,
    supportingInfo: orderSupportingInfo(info),
    requested,
  });
  const claimEntry = pending.find((p) => p.urn === claimUrn);
  if (claimEntry) claimEntry.resource = claim;

  const entry = pending.map(({ urn, resource }) => ({
    fullUrl: urn,
    resource: rewrite(resource, urns) as Resource,
  }));
  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: profileMeta(TWPAS_PROFILES.bundle),
    type: 'collection',
    entry: entry as Bundle['entry'],
  };
  return { bundle, entryFields: pending.map((p) => p.field) };
}

interface ClaimRefs {
  patient: string;
  enterer: string;
  provider: string;
  encounter: string;
  coverage: string;
  supportingInfo: ClaimSupportingInfoInput[];
  requested: string[];
}

const MAX_SUMMARY_BYTES = 4000;

/** Weight and height as the guide allows them: above 0, under 1000, at most two decimals. */
function bodyMeasureOk(value: number): boolean {
  return value > 0 && value < 1000 && Math.round(value * 100) / 100 === value;
}

/**
 * The Claim through the guide's own builder, which refuses gaps and out-of-range values; each is given a
 * stand-in for the builder and put back as the clinician wrote it (or left out), so that the completeness
 * check ($validate) finds exactly what is wrong.
 */
function claimOf(draft: RequestDraft, refs: ClaimRefs): Claim {
  const summary = draft.diagnoses[0]?.summary.trim() ?? '';
  const summaryStandIn = !summary || new TextEncoder().encode(summary).length > MAX_SUMMARY_BYTES;
  const previousGap = draft.applyType !== '1' && !draft.previousAcceptanceNumber.trim();
  const diagnoses = draft.diagnoses.map((d, i) => ({
    icd10cm: d.icd10cm,
    edition: d.edition,
    recordedDate: d.recordedDate,
    ...(i === 0 ? { summary: summaryStandIn ? '-' : summary } : {}),
  }));
  const programStandIns = draft.items.map((item) => {
    const allowed = allowedProgramCodes(item.drugCode);
    return allowed && !allowed.includes(item.programCode) ? allowed[0] : undefined;
  });
  const measures = refs.supportingInfo.filter(
    (info) =>
      (info.category === 'weight' && !bodyMeasureOk(info.kg)) ||
      (info.category === 'height' && !bodyMeasureOk(info.cm)),
  );
  const claim = buildClaim({
    applyType: draft.applyType,
    priority: draft.priority,
    created: draft.created,
    ...(draft.applyType !== '1'
      ? { previousAcceptanceNumber: previousGap ? '-' : draft.previousAcceptanceNumber.trim() }
      : {}),
    patient: refs.patient,
    enterer: refs.enterer,
    provider: refs.provider,
    encounter: refs.encounter,
    coverage: refs.coverage,
    diagnoses: diagnoses.length > 0 ? diagnoses : [{ icd10cm: '', recordedDate: '', summary: '-' }],
    ...(draft.procedures.length ? { procedures: draft.procedures } : {}),
    supportingInfo: refs.supportingInfo.filter((info) => !measures.includes(info)),
    items: draft.items.map((item, i) => {
      const standIn = programStandIns[i];
      return {
        drugCode: item.drugCode,
        programCode: standIn
          ? { code: standIn }
          : item.programCode
            ? { code: item.programCode }
            : { text: item.programText },
        continuation: item.continuation || '1',
        ...(item.lineOfTherapy ? { lineOfTherapy: item.lineOfTherapy } : {}),
        requestedService: refs.requested[i] ?? '',
        quantity: { value: numberOf(item.quantity) ?? 0, unit: item.quantityUnit },
      };
    }),
  });
  const main = claim.diagnosis?.[0];
  if (main && summaryStandIn) {
    if (summary) main.type = [{ text: summary }];
    else delete main.type;
  }
  if (draft.diagnoses.length === 0) delete claim.diagnosis;
  if (previousGap) delete claim.identifier;
  for (const measure of measures) {
    const value = measure.category === 'weight' ? measure.kg : measure.category === 'height' ? measure.cm : 0;
    claim.supportingInfo?.push({
      sequence: (claim.supportingInfo?.length ?? 0) + 1,
      category: concept(TWPAS_CODE_SYSTEMS.supportingInfoType, measure.category),
      valueQuantity: ucum({ value, unit: measure.category === 'weight' ? 'kg' : 'cm' }),
    });
  }
  draft.items.forEach((item, i) => {
    const claimItem = claim.item?.[i];
    if (!claimItem) return;
    if (numberOf(item.quantity) === undefined) delete claimItem.quantity;
    if (programStandIns[i] !== undefined) {
      if (item.programCode)
        claimItem.programCode = [concept(TWPAS_CODE_SYSTEMS.applyReason, item.programCode)];
      else delete claimItem.programCode;
    } else if (!item.programCode && !item.programText.trim()) delete claimItem.programCode;
    if (!item.continuation) claimItem.modifier = claimItem.modifier?.slice(1);
  });
  if (!refs.enterer) delete claim.enterer;
  if (!refs.provider) delete (claim as Partial<Claim>).provider;
  return claim;
}
