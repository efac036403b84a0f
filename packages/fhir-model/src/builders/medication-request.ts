import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { DRUG_CATEGORIES } from '../twpas/codes.ts';
import type { Coding, Dosage, MedicationRequest } from '../types.ts';
import { coding, concept, profileMeta, reference, ucum } from './common.ts';
import type {
  DosageInput,
  FrequencyInput,
  PriorMedicationInput,
  RequestedDrugInput,
  RouteCode,
} from './prior-auth-case.ts';

/** SNOMED CT routes (value set medication-path-sct-tw). */
export const ROUTES: Readonly<Record<RouteCode, { snomed: string; display: string; zh: string }>> = {
  oral: { snomed: '26643006', display: 'Oral route', zh: '口服' },
  intravenous: { snomed: '47625008', display: 'Intravenous route', zh: '靜脈注射' },
  subcutaneous: { snomed: '34206005', display: 'Subcutaneous route', zh: '皮下注射' },
};

function frequencyCoding(frequency: FrequencyInput): Coding {
  const system =
    frequency.system === 'hl7' ? CODE_SYSTEMS.timingAbbreviation : TWPAS_CODE_SYSTEMS.medicationFrequency;
  return coding(system, frequency.code);
}

function dosage(input: DosageInput): Dosage {
  const route = ROUTES[input.route];
  return {
    timing: {
      repeat: {
        boundsPeriod: { start: input.start, end: input.end },
        ...(input.count === undefined ? {} : { count: input.count }),
      },
      code: { coding: input.frequency.map(frequencyCoding) },
    },
    doseAndRate: [{ doseQuantity: ucum(input.dose) }],
    route: concept(CODE_SYSTEMS.snomed, route.snomed, route.display),
  };
}

/** MedicationRequest-apply-twpas: the drug asked for (事前審查品項), on hold, intent plan. */
export function buildApplyMedicationRequest(
  drug: RequestedDrugInput,
  refs: { patient: string },
): MedicationRequest {
  if (drug.dosages.length === 0) throw new Error(`drug ${drug.drugCode} needs at least one dosage`);
  return {
    resourceType: 'MedicationRequest',
    meta: profileMeta(TWPAS_PROFILES.medicationRequestApply),
    status: 'on-hold',
    intent: 'plan',
    medicationCodeableConcept: concept(TWPAS_CODE_SYSTEMS.medication, drug.drugCode),
    subject: reference(refs.patient),
    dosageInstruction: drug.dosages.map(dosage),
  };
}

/** MedicationRequest-treat-twpas: a drug the patient has had (用藥品項), intent order. */
export function buildTreatMedicationRequest(
  prior: PriorMedicationInput,
  refs: { patient: string },
): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    meta: profileMeta(TWPAS_PROFILES.medicationRequestTreat),
    status: prior.status,
    intent: 'order',
    category: [concept(TWPAS_CODE_SYSTEMS.drugCategory, prior.category, DRUG_CATEGORIES[prior.category].zh)],
    medicationCodeableConcept: concept(TWPAS_CODE_SYSTEMS.medication, prior.drugCode),
    subject: reference(refs.patient),
    dosageInstruction: [dosage(prior.dosage)],
  };
}
