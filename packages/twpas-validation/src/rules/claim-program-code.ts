import { allowedProgramCodes, TWPAS_EXTENSIONS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codings, isObject, objects } from '@openpas/ig-validation/json';
import { claimOf, extensionReference } from '../claim.ts';
import type { Rule } from '../types.ts';

/**
 * Bundle-twpas invariants applyReason-1…17: for the listed drugs every item's programCode is coded and
 * each code is one the drug allows (`PROGRAM_CODES_BY_DRUG` in @openpas/fhir).
 */
export const claimProgramCode: Rule = {
  id: 'claim.program-code',
  description:
    'For drugs with coded reimbursement indications, Claim.item.programCode is one the drug allows',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const issues: ValidationIssue[] = [];
    for (const { item, index } of objects(view.claim.item)) {
      const reference = extensionReference(item, TWPAS_EXTENSIONS.requestedService);
      const request = reference === undefined ? undefined : context.resolve(reference)?.resource;
      if (!request || !isObject(request.medicationCodeableConcept)) continue;
      const itemPath = `${view.path}.item[${index}]`;
      for (const drug of codings(request.medicationCodeableConcept)) {
        const allowed = drug.code === undefined ? undefined : allowedProgramCodes(drug.code);
        if (!allowed) continue;
        const given = objects(item.programCode).flatMap(({ item: concept, index: p }) =>
          codings(concept).map((c) => ({
            code: c.code,
            path: `${itemPath}.programCode[${p}].coding[${c.index}].code`,
          })),
        );
        if (given.length === 0) {
          issues.push(
            issue(
              this.id,
              'business-rule',
              `${itemPath}.programCode`,
              `藥品 ${drug.code} 的給付適應症須以代碼填寫：${allowed.join('、')}`,
              `Drug ${drug.code} needs a coded indication: ${allowed.join(', ')}`,
            ),
          );
        }
        for (const code of given) {
          if (code.code !== undefined && allowed.includes(code.code)) continue;
          issues.push(
            issue(
              this.id,
              'business-rule',
              code.path,
              `藥品 ${drug.code} 的給付適應症僅可為 ${allowed.join('、')}，不可為 ${code.code ?? '空白'}`,
              `Drug ${drug.code} allows only indications ${allowed.join(', ')}, not ${code.code ?? '(none)'}`,
            ),
          );
        }
      }
    }
    return issues;
  },
};
