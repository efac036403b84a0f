import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codings, objects } from '@openpas/ig-validation/json';
import { claimOf } from '../claim.ts';
import type { Rule } from '../types.ts';

/** Claim-immunologic-agent-twpas invariant diagnosis-imm: no cancer (C…) diagnosis. */
export const claimImmunologicDiagnosis: Rule = {
  id: 'claim.immunologic-diagnosis',
  description: 'An immunologic-agent Claim carries no ICD-10-CM code starting with C',
  check(context) {
    const view = claimOf(context);
    if (!view?.entry.profiles.includes(TWPAS_PROFILES.claimImmunologicAgent)) return [];
    const issues: ValidationIssue[] = [];
    for (const { item, index } of objects(view.claim.diagnosis)) {
      for (const coding of codings(item.diagnosisCodeableConcept)) {
        if (!coding.code?.startsWith('C')) continue;
        issues.push(
          issue(
            this.id,
            'business-rule',
            `${view.path}.diagnosis[${index}].diagnosis.ofType(CodeableConcept).coding[${coding.index}].code`,
            `免疫製劑申請的診斷不可為 C 開頭（${coding.code}）`,
            `An immunologic-agent claim must not carry a C diagnosis (${coding.code})`,
          ),
        );
      }
    }
    return issues;
  },
};
