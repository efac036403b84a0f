import { type Bundle, sandboxRequestBundle, TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model';
import { claimEntry } from '../src/bundle-index.ts';

export const CASE_KEY = 'a-breast-her2-trastuzumab-pertuzumab';

/** The sandbox case, resent as subType `type` citing `earlier`. */
export function resubmissionBundle(
  type: '2' | '3' | '4' | '5',
  earlier: string,
  base: Bundle = sandboxRequestBundle(CASE_KEY),
): Bundle {
  const bundle = structuredClone(base);
  const claim = claimEntry(bundle).resource;
  const display = { '2': '送核補件', '3': '申復', '4': '爭議審議', '5': '申復補件' }[type];
  claim.subType = { coding: [{ system: TWPAS_CODE_SYSTEMS.applyType, code: type, display }] };
  claim.identifier = [{ use: 'secondary', value: earlier }];
  return bundle;
}

/** The sandbox case without its weight: incomplete. */
export function incompleteBundle(): Bundle {
  const bundle = sandboxRequestBundle(CASE_KEY);
  const claim = claimEntry(bundle).resource;
  claim.supportingInfo = claim.supportingInfo?.filter((i) => i.category.coding?.[0]?.code !== 'weight');
  return bundle;
}
