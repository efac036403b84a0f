import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TW_CORE_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { Encounter } from '../types.ts';
import { coding, concept, profileMeta } from './common.ts';

/** Encounter-twpas: a planned ambulatory encounter whose serviceType is the NHI department (就醫科別). */
export function buildEncounter(departmentCode: string): Encounter {
  return {
    resourceType: 'Encounter',
    meta: profileMeta(TWPAS_PROFILES.encounter),
    status: 'planned',
    class: coding(CODE_SYSTEMS.actCode, 'AMB'),
    serviceType: concept(TW_CORE_CODE_SYSTEMS.medicalConsultationDepartment, departmentCode),
  };
}
