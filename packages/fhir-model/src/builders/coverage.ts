import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import type { Coverage } from '../types.ts';
import { profileMeta, reference } from './common.ts';

/** Coverage-twpas: the patient's NHI coverage, paid by the NHIA organisation. */
export function buildCoverage(refs: { beneficiary: string; payor: string }): Coverage {
  return {
    resourceType: 'Coverage',
    meta: profileMeta(TWPAS_PROFILES.coverage),
    status: 'active',
    beneficiary: reference(refs.beneficiary),
    payor: [reference(refs.payor)],
  };
}
