import { DAVINCI_PAS_EXTENSIONS, TWPAS_EXTENSIONS, TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TW_CORE_CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import {
  APPLY_TYPES,
  type ApplyTypeCode,
  CONTINUATION_STATUSES,
  LINES_OF_THERAPY,
  ORDER_TYPES,
  type OrderTypeCode,
  PRIORITIES,
  type PriorityCode,
  type SupportingInfoCategory,
} from '../twpas/codes.ts';
import { CLAIM_IDENTIFIER_USE } from '../twpas/identifier-systems.ts';
import { allowedProgramCodes } from '../twpas/program-codes.ts';
import type {
  Claim,
  ClaimDiagnosis,
  ClaimItem,
  ClaimProcedure,
  ClaimSupportingInfo,
  CodeableConcept,
} from '../types.ts';
import {
  concept,
  type FhirDate,
  profileMeta,
  reference,
  supportingInfoCategory,
  type UcumValue,
  ucum,
} from './common.ts';
import type { CaseDiagnosis, CaseProcedure, RequestedDrugInput } from './prior-auth-case.ts';

/** One supportingInfo entry; the Claim numbers them 1..n in the order given. */
export type ClaimSupportingInfoInput =
  | { category: 'weight'; kg: number }
  | { category: 'height'; cm: number }
  | { category: 'pregnancyBreastfeedingStatus'; value: boolean }
  | {
      category: Exclude<SupportingInfoCategory, 'weight' | 'height' | 'pregnancyBreastfeedingStatus'>;
      reference: string;
    };

export interface ClaimItemInput
  extends Pick<
    RequestedDrugInput,
    'drugCode' | 'programCode' | 'continuation' | 'lineOfTherapy' | 'bodySite'
  > {
  /** Reference to the MedicationRequest-apply of this item. */
  requestedService: string;
  orderType?: OrderTypeCode;
  quantity: UcumValue;
}

export interface ClaimInput {
  applyType: ApplyTypeCode;
  priority: PriorityCode;
  created: FhirDate;
  previousAcceptanceNumber?: string;
  patient: string;
  enterer: string;
  provider: string;
  encounter: string;
  coverage: string;
  diagnoses: CaseDiagnosis[];
  procedures?: CaseProcedure[];
  supportingInfo: ClaimSupportingInfoInput[];
  items: ClaimItemInput[];
}

const MAX_SUMMARY_BYTES = 4000;

/**
 * Claim-twpas as the hospital sends it: no id and no payer identifiers, status active, institutional,
 * preauthorization, supportingInfo and items numbered from 1.
 */
export function buildClaim(input: ClaimInput): Claim {
  if (input.applyType !== '1' && !input.previousAcceptanceNumber) {
    throw new Error(
      `apply type ${input.applyType} (${APPLY_TYPES[input.applyType].zh}) needs the earlier acceptance number`,
    );
  }
  const claim: Claim = {
    resourceType: 'Claim',
    meta: profileMeta(TWPAS_PROFILES.claim),
    extension: [{ url: TWPAS_EXTENSIONS.claimEncounter, valueReference: reference(input.encounter) }],
    status: 'active',
    type: concept(CODE_SYSTEMS.claimType, 'institutional'),
    subType: concept(TWPAS_CODE_SYSTEMS.applyType, input.applyType, APPLY_TYPES[input.applyType].zh),
    use: 'preauthorization',
    patient: reference(input.patient),
    created: input.created,
    enterer: reference(input.enterer),
    provider: reference(input.provider),
    priority: concept(TWPAS_CODE_SYSTEMS.tmhbType, input.priority, PRIORITIES[input.priority].zh),
    supportingInfo: input.supportingInfo.map(supportingInfo),
    diagnosis: diagnoses(input.diagnoses),
    insurance: [{ sequence: 1, focal: true, coverage: reference(input.coverage) }],
    item: input.items.map(item),
  };
  if (input.previousAcceptanceNumber) {
    claim.identifier = [
      { use: CLAIM_IDENTIFIER_USE.previousAcceptanceNumber, value: input.previousAcceptanceNumber },
    ];
  }
  if (input.procedures?.length) claim.procedure = input.procedures.map(procedure);
  return claim;
}

function supportingInfo(info: ClaimSupportingInfoInput, index: number): ClaimSupportingInfo {
  const base = { sequence: index + 1, category: supportingInfoCategory(info.category) };
  switch (info.category) {
    case 'weight':
      return { ...base, valueQuantity: ucum({ value: bodyMeasure(info.kg, 'weight'), unit: 'kg' }) };
    case 'height':
      return { ...base, valueQuantity: ucum({ value: bodyMeasure(info.cm, 'height'), unit: 'cm' }) };
    case 'pregnancyBreastfeedingStatus':
      return { ...base, valueBoolean: info.value };
    default:
      return { ...base, valueReference: reference(info.reference) };
  }
}

/** TWPAS allows at most three integer and two decimal digits (invariant HTWT). */
function bodyMeasure(value: number, what: string): number {
  if (!(value > 0 && value < 1000 && Math.round(value * 100) / 100 === value)) {
    throw new Error(`${what} ${value} needs at most 3 integer and 2 decimal digits`);
  }
  return value;
}

function diagnoses(list: CaseDiagnosis[]): ClaimDiagnosis[] {
  const main = list[0];
  if (!main) throw new Error('a claim needs its main diagnosis');
  if (!main.summary) throw new Error('the main diagnosis needs a summary (簡要病摘)');
  if (new TextEncoder().encode(main.summary).length > MAX_SUMMARY_BYTES) {
    throw new Error(`the summary exceeds ${MAX_SUMMARY_BYTES} bytes`);
  }
  return list.map((d, i) => {
    const system = d.edition === '2014' ? TW_CORE_CODE_SYSTEMS.icd10cm2014 : TW_CORE_CODE_SYSTEMS.icd10cm2023;
    const diagnosis: ClaimDiagnosis = {
      extension: [{ url: DAVINCI_PAS_EXTENSIONS.diagnosisRecordedDate, valueDate: d.recordedDate }],
      sequence: i + 1,
      diagnosisCodeableConcept: concept(system, d.icd10cm),
    };
    if (d.summary) diagnosis.type = [{ text: d.summary }];
    return diagnosis;
  });
}

function procedure(p: CaseProcedure, index: number): ClaimProcedure {
  return {
    sequence: index + 1,
    date: p.date,
    procedureCodeableConcept: concept(TW_CORE_CODE_SYSTEMS.icd10pcs2023, p.icd10pcs),
  };
}

function item(input: ClaimItemInput, index: number): ClaimItem {
  const orderType = input.orderType ?? '1';
  const modifier: CodeableConcept[] = [
    concept(
      TWPAS_CODE_SYSTEMS.continuationStatus,
      input.continuation,
      CONTINUATION_STATUSES[input.continuation].zh,
    ),
  ];
  if (input.lineOfTherapy !== undefined) {
    modifier.push(
      concept(
        TWPAS_CODE_SYSTEMS.lineOfTherapy,
        input.lineOfTherapy,
        LINES_OF_THERAPY[input.lineOfTherapy].zh,
      ),
    );
  }
  const claimItem: ClaimItem = {
    extension: [
      { url: TWPAS_EXTENSIONS.requestedService, valueReference: reference(input.requestedService) },
    ],
    sequence: index + 1,
    productOrService: concept(TWPAS_CODE_SYSTEMS.orderType, orderType, ORDER_TYPES[orderType].zh),
    modifier,
    programCode: [programCode(input)],
    quantity: ucum(input.quantity),
  };
  if (input.bodySite) claimItem.bodySite = concept(TWPAS_CODE_SYSTEMS.applySide, input.bodySite);
  return claimItem;
}

/** 給付適應症: coded where the guide fixes the allowed codes for the drug, else as given. */
function programCode(input: ClaimItemInput): CodeableConcept {
  const allowed = allowedProgramCodes(input.drugCode);
  const given = input.programCode;
  if (allowed && !('code' in given && allowed.includes(given.code))) {
    throw new Error(`drug ${input.drugCode} needs one of the indications ${allowed.join(', ')}`);
  }
  return 'code' in given ? concept(TWPAS_CODE_SYSTEMS.applyReason, given.code) : { text: given.text };
}
