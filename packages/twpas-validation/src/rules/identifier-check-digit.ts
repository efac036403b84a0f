import { checkNationalId, IDENTIFIER_SYSTEMS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { objects, str } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

/** A warning only: the guide requires the pattern and the gender digit, not the MOI check digit. */
export const identifierCheckDigit: Rule = {
  id: 'identifier.national-id-check-digit',
  description: 'The Patient national ID has a valid check digit (warning; not required by the guide)',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    for (const entry of entries) {
      if (entry.resourceType !== 'Patient' || !entry.resource) continue;
      for (const { item, index } of objects(entry.resource.identifier)) {
        const value = str(item.value);
        if (item.system !== IDENTIFIER_SYSTEMS.nationalId || value === undefined) continue;
        const result = checkNationalId(value);
        if (result.valid || result.problem !== 'check-digit') continue;
        issues.push(
          issue(
            this.id,
            'invalid',
            `${entry.path}.identifier[${index}].value`,
            `身分證號 ${value} 檢查碼不符`,
            `National ID ${value} has a wrong check digit`,
            'warning',
          ),
        );
      }
    }
    return issues;
  },
};
