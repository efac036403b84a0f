import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { TW_CORE_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { Procedure, Substance } from '../types.ts';
import { concept, profileMeta, reference, ucum } from './common.ts';
import type { RadiotherapyInput } from './prior-auth-case.ts';

/** Substance-twpas (放射治療總劑量): the total dose over the fractions. */
export function buildRadiotherapySubstance(radiotherapy: RadiotherapyInput): Substance {
  const code = concept(TW_CORE_CODE_SYSTEMS.icd10pcs2023, radiotherapy.icd10pcs);
  return {
    resourceType: 'Substance',
    meta: profileMeta(TWPAS_PROFILES.substance),
    code,
    ingredient: [
      {
        quantity: {
          numerator: ucum({ value: radiotherapy.totalDoseGy, unit: 'Gy' }),
          denominator: ucum({ value: radiotherapy.fractions, unit: '{fraction}', display: 'fractions' }),
        },
        substanceCodeableConcept: code,
      },
    ],
  };
}

/** Procedure-twpas (放射治療): a completed course of radiotherapy and the Substance with its dose. */
export function buildRadiotherapyProcedure(
  radiotherapy: RadiotherapyInput,
  refs: { patient: string; substance: string },
): Procedure {
  return {
    resourceType: 'Procedure',
    meta: profileMeta(TWPAS_PROFILES.procedure),
    status: 'completed',
    code: concept(TW_CORE_CODE_SYSTEMS.icd10pcs2023, radiotherapy.icd10pcs),
    subject: reference(refs.patient),
    performedDateTime: radiotherapy.date,
    usedReference: [reference(refs.substance)],
  };
}
