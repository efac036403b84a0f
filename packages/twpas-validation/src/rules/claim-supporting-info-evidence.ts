import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { anyDiagnosisMatches, claimOf, continuationCodings, hasCategory, priorityCode } from '../claim.ts';
import type { Rule } from '../types.ts';

const PROSTATE = /^C61/;
const MYELOMA_LEUKAEMIA = /^(C90|C91|C92)/;

/**
 * Claim-twpas invariants supportingInfo, supportingInfo-tests and supportingInfo-c90-c91-c92 (the
 * immunologic-agent Claim has none of them).
 */
export const claimSupportingInfoEvidence: Rule = {
  id: 'claim.supporting-info-evidence',
  description:
    'With priority 1 or 3 the Claim has an imagingReport, examinationReport or geneInfo (except C61 repeat use, which needs tests, and C90–C92, which need tests or one of them)',
  check(context) {
    const view = claimOf(context);
    if (!view?.entry.profiles.includes(TWPAS_PROFILES.claim)) return [];
    const { claim, path } = view;
    const issues: ValidationIssue[] = [];
    const prostateRepeat =
      anyDiagnosisMatches(claim, PROSTATE) && continuationCodings(claim).some((c) => c.code === '2');
    const myeloma = anyDiagnosisMatches(claim, MYELOMA_LEUKAEMIA);
    const evidence = hasCategory(claim, 'imagingReport', 'examinationReport', 'geneInfo');
    const priority = priorityCode(claim);
    if ((priority === '1' || priority === '3') && !evidence && !prostateRepeat && !myeloma) {
      issues.push(
        issue(
          this.id,
          'business-rule',
          `${path}.supportingInfo`,
          '申請案件類別為 1 或 3 時，須提供影像報告、檢查報告或基因資訊至少一項',
          'With priority 1 or 3, supportingInfo needs an imagingReport, examinationReport or geneInfo',
        ),
      );
    }
    if (prostateRepeat && !hasCategory(claim, 'tests')) {
      issues.push(
        issue(
          this.id,
          'business-rule',
          `${path}.supportingInfo`,
          '診斷為 C61 且申請再次使用時，須提供檢驗(查)（tests）',
          'With a C61 diagnosis and repeat use, supportingInfo needs tests',
        ),
      );
    }
    if (myeloma && !evidence && !hasCategory(claim, 'tests')) {
      issues.push(
        issue(
          this.id,
          'business-rule',
          `${path}.supportingInfo`,
          '診斷為 C90、C91 或 C92 時，須提供檢驗(查)、影像報告、檢查報告或基因資訊至少一項',
          'With a C90, C91 or C92 diagnosis, supportingInfo needs tests, an imagingReport, examinationReport or geneInfo',
        ),
      );
    }
    return issues;
  },
};
