import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { Observation } from '../types.ts';
import { concept, profileMeta, reference, supportingInfoCategory } from './common.ts';
import type { CancerStageInput, CancerStageScheme } from './prior-auth-case.ts';

/** The Observation.code of each staging system (value set cancer-stage). */
export const CANCER_STAGE_SCHEMES: Readonly<
  Record<CancerStageScheme, { system: string; code: string; label: string }>
> = {
  tnm: { system: CODE_SYSTEMS.snomed, code: '399390009', label: 'TNM stage grouping' },
  annArbor: { system: CODE_SYSTEMS.snomed, code: '254372002', label: 'Ann Arbor' },
  bclc: { system: TWPAS_CODE_SYSTEMS.nciThesaurus, code: 'C115134', label: 'BCLC Stage' },
  myelomaIss: { system: TWPAS_CODE_SYSTEMS.nciThesaurus, code: 'C139007', label: 'Myeloma ISS Stage' },
  myelomaRiss: { system: TWPAS_CODE_SYSTEMS.nciThesaurus, code: 'C141392', label: 'Myeloma RISS Stage' },
  lugano: { system: TWPAS_CODE_SYSTEMS.nciThesaurus, code: 'C141147', label: 'Lugano Stage' },
};

/** Observation-cancer-stage-twpas (癌症分期量表). */
export function buildCancerStageObservation(
  stage: CancerStageInput,
  refs: { patient: string; performer: string },
): Observation {
  const scheme = CANCER_STAGE_SCHEMES[stage.scheme];
  const observation: Observation = {
    resourceType: 'Observation',
    meta: profileMeta(TWPAS_PROFILES.observationCancerStage),
    status: 'final',
    category: [supportingInfoCategory('cancerStage')],
    code: concept(scheme.system, scheme.code),
    subject: reference(refs.patient),
    effectiveDateTime: stage.date,
    performer: [reference(refs.performer)],
  };
  if (typeof stage.value === 'number') observation.valueInteger = stage.value;
  else observation.valueString = stage.value;
  return observation;
}
