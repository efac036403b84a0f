import { matchesNationalIdPattern, nationalIdGender } from '../national-id.ts';
import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { IDENTIFIER_SYSTEMS } from '../twpas/identifier-systems.ts';
import type { Patient } from '../types.ts';
import { concept, profileMeta } from './common.ts';
import type { CasePatient } from './prior-auth-case.ts';

/**
 * Patient-twpas: national ID and medical record number, usual name as text, gender, birth date.
 * Checks what the profile checks (pattern, gender digit agreeing with gender, name ≤ 40 characters);
 * the check digit is the caller's business (see checkNationalId).
 */
export function buildPatient(patient: CasePatient, medicalRecordSystem: string): Patient {
  if (!matchesNationalIdPattern(patient.nationalId)) {
    throw new Error(`patient national ID ${patient.nationalId} is not a letter and nine digits`);
  }
  const idGender = nationalIdGender(patient.nationalId);
  if (idGender !== patient.gender) {
    throw new Error(
      `patient national ID ${patient.nationalId} says ${idGender ?? 'neither gender'}, the case says ${patient.gender}`,
    );
  }
  if ([...patient.name].length > 40)
    throw new Error(`patient name is longer than 40 characters: ${patient.name}`);
  return {
    resourceType: 'Patient',
    meta: profileMeta(TWPAS_PROFILES.patient),
    identifier: [
      {
        use: 'official',
        type: concept(CODE_SYSTEMS.identifierType, 'NNxxx'),
        system: IDENTIFIER_SYSTEMS.nationalId,
        value: patient.nationalId,
      },
      {
        use: 'official',
        type: concept(CODE_SYSTEMS.identifierType, 'MR'),
        system: medicalRecordSystem,
        value: patient.medicalRecordNumber,
      },
    ],
    name: [{ use: 'usual', text: patient.name }],
    gender: patient.gender,
    birthDate: patient.birthDate,
  };
}
