import { IDENTIFIER_SYSTEMS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codings, objects } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

export const identifierNoPassport: Rule = {
  id: 'identifier.no-passport',
  description: 'Patient and Practitioner carry no passport number (TWPAS forbids it)',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    for (const entry of entries) {
      if ((entry.resourceType !== 'Patient' && entry.resourceType !== 'Practitioner') || !entry.resource)
        continue;
      for (const { item, index } of objects(entry.resource.identifier)) {
        const passport =
          item.system === IDENTIFIER_SYSTEMS.passport || codings(item.type).some((c) => c.code === 'PPN');
        if (!passport) continue;
        issues.push(
          issue(
            this.id,
            'invalid',
            `${entry.path}.identifier[${index}]`,
            `${entry.resourceType}.identifier 不可為護照號碼`,
            `${entry.resourceType}.identifier must not be a passport number`,
          ),
        );
      }
    }
    return issues;
  },
};
