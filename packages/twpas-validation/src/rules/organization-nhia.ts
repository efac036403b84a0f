import { IDENTIFIER_SYSTEMS, NHIA, TW_CORE_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { objects } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

export const organizationNhia: Rule = {
  id: 'organization.nhia',
  description: `The payer Organization (Organization-govt-twcore) is the NHIA: ${IDENTIFIER_SYSTEMS.governmentOrganization} ${NHIA.identifier}`,
  check(context) {
    const issues: ValidationIssue[] = [];
    for (const entry of context.withProfile(TW_CORE_PROFILES.organizationGovernment)) {
      if (!entry.resource) continue;
      const isNhia = objects(entry.resource.identifier).some(
        ({ item }) =>
          item.system === IDENTIFIER_SYSTEMS.governmentOrganization && item.value === NHIA.identifier,
      );
      if (isNhia) continue;
      issues.push(
        issue(
          this.id,
          'invalid',
          `${entry.path}.identifier`,
          `健保署 Organization.identifier 須為 system ${IDENTIFIER_SYSTEMS.governmentOrganization}、value ${NHIA.identifier}`,
          `The NHIA Organization.identifier must be system ${IDENTIFIER_SYSTEMS.governmentOrganization}, value ${NHIA.identifier}`,
        ),
      );
    }
    return issues;
  },
};
