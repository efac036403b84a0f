import { IDENTIFIER_SYSTEMS, TWPAS_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { list, objects, str } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

const HOSPITAL_CODE = /^[0-9]{10}$/;

export const organizationHospitalCode: Rule = {
  id: 'organization.hospital-code',
  description: `Organization-twpas has one identifier, system ${IDENTIFIER_SYSTEMS.hospital}, a 10-digit hospital code`,
  check(context) {
    const issues: ValidationIssue[] = [];
    for (const entry of context.withProfile(TWPAS_PROFILES.organization)) {
      const resource = entry.resource;
      if (!resource) continue;
      const identifiers = objects(resource.identifier);
      if (list(resource.identifier).length > 1) {
        issues.push(
          issue(
            this.id,
            'structure',
            `${entry.path}.identifier`,
            '醫事機構 Organization.identifier 只能有一筆',
            'The hospital Organization.identifier must be exactly one',
          ),
        );
      }
      for (const { item, index } of identifiers) {
        const path = `${entry.path}.identifier[${index}]`;
        if (item.system !== IDENTIFIER_SYSTEMS.hospital) {
          issues.push(
            issue(
              this.id,
              'invalid',
              `${path}.system`,
              `醫事機構代碼的 system 須為 ${IDENTIFIER_SYSTEMS.hospital}`,
              `The hospital code's system must be ${IDENTIFIER_SYSTEMS.hospital}`,
            ),
          );
        }
        const value = str(item.value);
        if (value !== undefined && !HOSPITAL_CODE.test(value)) {
          issues.push(
            issue(
              this.id,
              'invalid',
              `${path}.value`,
              `醫事機構代碼 ${value} 須為 10 碼數字`,
              `Hospital code ${value} must be 10 digits`,
            ),
          );
        }
      }
    }
    return issues;
  },
};
