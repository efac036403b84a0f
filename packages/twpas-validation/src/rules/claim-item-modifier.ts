import { TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codings, objects } from '@openpas/ig-validation/json';
import { claimOf } from '../claim.ts';
import type { Rule } from '../types.ts';

function count(modifiers: ReturnType<typeof objects>, system: string): number {
  return modifiers.filter(({ item }) => codings(item).some((c) => c.system === system)).length;
}

export const claimItemModifier: Rule = {
  id: 'claim.item-modifier',
  description:
    'Each Claim.item has exactly one continuation status (續用註記) and at most one line of therapy (用藥線別)',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const issues: ValidationIssue[] = [];
    for (const { item, index } of objects(view.claim.item)) {
      const modifiers = objects(item.modifier);
      const path = `${view.path}.item[${index}].modifier`;
      const continuation = count(modifiers, TWPAS_CODE_SYSTEMS.continuationStatus);
      if (continuation !== 1) {
        issues.push(
          issue(
            this.id,
            continuation === 0 ? 'required' : 'structure',
            path,
            `Claim.item[${index}] 須有恰好一個續用註記（${TWPAS_CODE_SYSTEMS.continuationStatus}），目前 ${continuation} 個`,
            `Claim.item[${index}] needs exactly one continuation status (${TWPAS_CODE_SYSTEMS.continuationStatus}), found ${continuation}`,
          ),
        );
      }
      const lines = count(modifiers, TWPAS_CODE_SYSTEMS.lineOfTherapy);
      if (lines > 1) {
        issues.push(
          issue(
            this.id,
            'structure',
            path,
            `Claim.item[${index}] 至多一個用藥線別，目前 ${lines} 個`,
            `Claim.item[${index}] allows at most one line of therapy, found ${lines}`,
          ),
        );
      }
    }
    return issues;
  },
};
