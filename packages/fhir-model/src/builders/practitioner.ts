import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { IDENTIFIER_SYSTEMS } from '../twpas/identifier-systems.ts';
import type { Identifier, Practitioner } from '../types.ts';
import { concept, profileMeta } from './common.ts';
import type { CasePhysician } from './prior-auth-case.ts';

/** Practitioner-twpas: the applying physician, by national ID and/or licence number. */
export function buildPractitioner(physician: CasePhysician): Practitioner {
  const identifier: Identifier[] = [];
  if (physician.nationalId) {
    identifier.push({
      type: concept(CODE_SYSTEMS.identifierType, 'NNxxx'),
      system: IDENTIFIER_SYSTEMS.nationalId,
      value: physician.nationalId,
    });
  }
  if (physician.licenseNumber) {
    identifier.push({
      type: concept(CODE_SYSTEMS.identifierType, 'MD'),
      system: IDENTIFIER_SYSTEMS.practitionerLicense,
      value: physician.licenseNumber,
    });
  }
  if (identifier.length === 0)
    throw new Error(`physician ${physician.name} needs a national ID or a licence number`);
  return {
    resourceType: 'Practitioner',
    meta: profileMeta(TWPAS_PROFILES.practitioner),
    identifier,
    name: [{ text: physician.name }],
  };
}
