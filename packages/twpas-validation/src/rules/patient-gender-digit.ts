import { IDENTIFIER_SYSTEMS, matchesNationalIdPattern } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { objects, str } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

const GENDER_BY_DIGIT: Readonly<Record<string, string>> = { '1': 'male', '2': 'female' };

/** Invariant patient-gender-match: the national ID's second character agrees with Patient.gender. */
export const patientGenderDigit: Rule = {
  id: 'patient.gender-digit',
  description: 'The national ID gender digit (1 male, 2 female) agrees with Patient.gender',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    for (const entry of entries) {
      const patient = entry.resource;
      if (entry.resourceType !== 'Patient' || !patient) continue;
      for (const { item } of objects(patient.identifier)) {
        const value = str(item.value);
        if (item.system !== IDENTIFIER_SYSTEMS.nationalId || !value || !matchesNationalIdPattern(value))
          continue;
        const expected = GENDER_BY_DIGIT[value.charAt(1)];
        if (expected === undefined || patient.gender === expected) continue;
        issues.push(
          issue(
            this.id,
            'business-rule',
            `${entry.path}.gender`,
            `Patient.gender 須為 ${expected}：身分證號 ${value} 第二碼為 ${value.charAt(1)}`,
            `Patient.gender must be ${expected}: national ID ${value} has gender digit ${value.charAt(1)}`,
          ),
        );
      }
    }
    return issues;
  },
};
