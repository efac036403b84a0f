import { DAVINCI_PAS_EXTENSIONS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { objects, present, str } from '@openpas/ig-validation/json';
import { claimOf } from '../claim.ts';
import type { Rule } from '../types.ts';

const MAX_SUMMARY_BYTES = 4000;

/** Claim invariants sequence-1, diagnosis and pas-2. */
export const claimMainDiagnosis: Rule = {
  id: 'claim.main-diagnosis',
  description:
    'Claim.diagnosis has sequence 1 exactly once, with the diagnosisRecordedDate extension and a summary in type.text of at most 4000 bytes',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const diagnoses = objects(view.claim.diagnosis);
    const issues: ValidationIssue[] = [];
    const main = diagnoses.filter(({ item }) => item.sequence === 1);
    if (diagnoses.length > 0 && main.length !== 1) {
      issues.push(
        issue(
          this.id,
          'business-rule',
          `${view.path}.diagnosis`,
          `Claim.diagnosis 須有恰好一筆 sequence 1（主診斷），目前 ${main.length} 筆`,
          `Claim.diagnosis needs exactly one sequence 1 (main diagnosis), found ${main.length}`,
        ),
      );
    }
    // The date and the summary are checked on the first sequence-1 diagnosis; a second one is the count's issue.
    for (const { item, index } of main.slice(0, 1)) {
      const path = `${view.path}.diagnosis[${index}]`;
      const recorded = objects(item.extension).some(
        ({ item: e }) => e.url === DAVINCI_PAS_EXTENSIONS.diagnosisRecordedDate && present(e.valueDate),
      );
      if (!recorded) {
        issues.push(
          issue(
            this.id,
            'required',
            `${path}.extension`,
            '主診斷須填寫診斷日期（extension-diagnosisRecordedDate 的 valueDate）',
            'The main diagnosis needs its date (extension-diagnosisRecordedDate valueDate)',
          ),
        );
      }
      if (!objects(item.type).some(({ item: t }) => present(t.text))) {
        issues.push(
          issue(
            this.id,
            'required',
            `${path}.type`,
            '主診斷須於 type.text 填寫簡要病摘',
            'The main diagnosis needs a summary in type.text',
          ),
        );
      }
    }
    for (const { item, index } of diagnoses) {
      for (const { item: type, index: t } of objects(item.type)) {
        const text = str(type.text);
        if (text === undefined) continue;
        const bytes = Buffer.byteLength(text, 'utf8');
        if (bytes <= MAX_SUMMARY_BYTES) continue;
        issues.push(
          issue(
            this.id,
            'too-long',
            `${view.path}.diagnosis[${index}].type[${t}].text`,
            `簡要病摘長度 ${bytes} bytes，超過 4000 bytes`,
            `The summary is ${bytes} bytes, over the 4000-byte limit`,
          ),
        );
      }
    }
    return issues;
  },
};
