import { IDENTIFIER_SYSTEMS, matchesNationalIdPattern, TWPAS_EXTENSIONS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { isObject, objects, str } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

const RESIDENT_PERMIT = /^([A-Za-z][0-9]{9}|[A-Za-z]{2}[0-9]{8})$/;

interface IdentifierAt {
  system: string | undefined;
  value: string | undefined;
  path: string;
}

export const identifierNationalId: Rule = {
  id: 'identifier.national-id',
  description:
    'National IDs (http://www.moi.gov.tw) match ^[A-Za-z][0-9]{9}$ and resident permits their pattern, on Patient, Practitioner and the self-assessment reviewers',
  check({ entries }) {
    const found: IdentifierAt[] = [];
    for (const entry of entries) {
      const resource = entry.resource;
      if (!resource) continue;
      if (entry.resourceType === 'Patient' || entry.resourceType === 'Practitioner') {
        for (const { item, index } of objects(resource.identifier)) {
          found.push({
            system: str(item.system),
            value: str(item.value),
            path: `${entry.path}.identifier[${index}].value`,
          });
        }
      }
      if (entry.resourceType === 'ClaimResponse') {
        for (const { item, index } of objects(resource.extension)) {
          if (item.url !== TWPAS_EXTENSIONS.claimResponseRequestor || !isObject(item.valueIdentifier))
            continue;
          found.push({
            system: str(item.valueIdentifier.system),
            value: str(item.valueIdentifier.value),
            path: `${entry.path}.extension[${index}].value.ofType(Identifier).value`,
          });
        }
      }
    }
    const issues: ValidationIssue[] = [];
    for (const { system, value, path } of found) {
      if (value === undefined) continue;
      if (system === IDENTIFIER_SYSTEMS.nationalId && !matchesNationalIdPattern(value)) {
        issues.push(
          issue(
            this.id,
            'invalid',
            path,
            `身分證號 ${value} 格式錯誤：須為 1 碼英文字母加 9 碼數字`,
            `National ID ${value} is malformed: expected one letter and nine digits`,
          ),
        );
      }
      if (system === IDENTIFIER_SYSTEMS.residentPermit && !RESIDENT_PERMIT.test(value)) {
        issues.push(
          issue(
            this.id,
            'invalid',
            path,
            `居留證號 ${value} 格式錯誤：須為 1 碼英文加 9 碼數字，或 2 碼英文加 8 碼數字`,
            `Resident permit number ${value} is malformed: expected 1 letter + 9 digits or 2 letters + 8 digits`,
          ),
        );
      }
    }
    return issues;
  },
};
