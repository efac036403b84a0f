import { CLAIM_IDENTIFIER_USE } from '@openpas/fhir-model';
import { issue } from '@openpas/ig-validation';
import { objects, str } from '@openpas/ig-validation/json';
import { claimOf, subTypeCode } from '../claim.ts';
import type { Rule } from '../types.ts';

const FOLLOW_UPS = new Set(['2', '3', '4', '5']);

/**
 * Claim.subType 2–5 (送核補件, 申復, 爭議審議, 申復補件) carry the earlier acceptance number as an
 * identifier with use=secondary. (The guide's invariant applType checks only 3; twpas.md states 2–5.)
 */
export const claimEarlierAcceptanceNumber: Rule = {
  id: 'claim.earlier-acceptance-number',
  description: 'Claim.subType 2–5 carries the earlier acceptance number (identifier use=secondary)',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const subType = subTypeCode(view.claim);
    if (subType === undefined || !FOLLOW_UPS.has(subType)) return [];
    const has = objects(view.claim.identifier).some(
      ({ item }) => item.use === CLAIM_IDENTIFIER_USE.previousAcceptanceNumber && Boolean(str(item.value)),
    );
    if (has) return [];
    return [
      issue(
        this.id,
        'required',
        `${view.path}.identifier`,
        `申報類別為 ${subType} 時，須以 Claim.identifier（use=secondary）填寫原受理編號`,
        `With subType ${subType}, Claim.identifier (use=secondary) must carry the earlier acceptance number`,
      ),
    ];
  },
};
