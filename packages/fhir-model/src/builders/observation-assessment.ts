import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { TREATMENT_ASSESSMENTS } from '../twpas/codes.ts';
import type { Observation } from '../types.ts';
import { concept, profileMeta, reference, supportingInfoCategory } from './common.ts';
import type { PatientAssessmentInput, TreatmentAssessmentInput } from './prior-auth-case.ts';

const ASSESSMENT_SYSTEMS = {
  loinc: CODE_SYSTEMS.loinc,
  snomed: CODE_SYSTEMS.snomed,
  'nhi-pat-ast': TWPAS_CODE_SYSTEMS.patientAssessment,
} as const;

/** Observation-pat-assessment-twpas (病人狀態評估): e.g. ECOG (89247-1) as a number, Child-Pugh (98153-0) as A/B/C. */
export function buildPatientAssessmentObservation(
  assessment: PatientAssessmentInput,
  refs: { patient: string; performer: string },
): Observation {
  const observation: Observation = {
    resourceType: 'Observation',
    meta: profileMeta(TWPAS_PROFILES.observationPatientAssessment),
    status: 'final',
    category: [supportingInfoCategory('patientAssessment')],
    code: concept(ASSESSMENT_SYSTEMS[assessment.code.system], assessment.code.code),
    subject: reference(refs.patient),
    effectiveDateTime: assessment.date,
    performer: [reference(refs.performer)],
  };
  if (typeof assessment.value === 'number') observation.valueQuantity = { value: assessment.value };
  else observation.valueString = assessment.value;
  return observation;
}

/** Observation-tx-assessment-twpas (治療後疾病狀態評估): the response by RECIST 1.1, iRECIST, mRECIST … */
export function buildTreatmentAssessmentObservation(
  assessment: TreatmentAssessmentInput,
  refs: { patient: string; performer: string },
): Observation {
  return {
    resourceType: 'Observation',
    meta: profileMeta(TWPAS_PROFILES.observationTreatmentAssessment),
    status: 'final',
    code: concept(
      TWPAS_CODE_SYSTEMS.treatmentAssessment,
      assessment.criteria,
      TREATMENT_ASSESSMENTS[assessment.criteria].zh,
    ),
    subject: reference(refs.patient),
    effectiveDateTime: assessment.date,
    performer: [reference(refs.performer)],
    valueString: assessment.result,
  };
}
