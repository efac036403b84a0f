import { issue } from '@openpas/ig-validation';
import { anyDiagnosisMatches, claimOf, continuationCodings, priorityCode } from '../claim.ts';
import type { Rule } from '../types.ts';

const FIVE_CANCERS = /^(C18|C19|C20|C21|C22|C33|C34|C50|C61)/;

/** Bundle-twpas invariant claimResponse-2. */
export const claimFiveCancersContinuation: Rule = {
  id: 'claim.five-cancers-continuation',
  description:
    'With priority 3 and a five-cancers diagnosis (C18–C22, C33, C34, C50, C61) every continuation status is 2 (repeat use)',
  check(context) {
    const view = claimOf(context);
    if (!view || priorityCode(view.claim) !== '3' || !anyDiagnosisMatches(view.claim, FIVE_CANCERS))
      return [];
    return continuationCodings(view.claim)
      .filter((c) => c.code !== '2')
      .map((c) =>
        issue(
          this.id,
          'business-rule',
          `${view.path}.item[${c.itemIndex}].modifier[${c.modifierIndex}].coding[${c.codingIndex}].code`,
          `自主審查且診斷為五癌時，續用註記須為 2（申請再次使用），目前為 ${c.code ?? '空白'}`,
          `Self-review of a five-cancers diagnosis needs continuation status 2 (repeat use), found ${c.code ?? 'none'}`,
        ),
      );
  },
};
