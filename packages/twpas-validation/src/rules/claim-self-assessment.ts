import { TWPAS_EXTENSIONS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { type JsonObject, objects, present } from '@openpas/ig-validation/json';
import { claimOf, priorityCode } from '../claim.ts';
import type { Rule } from '../types.ts';

function adjudications(response: JsonObject): JsonObject[] {
  return objects(response.item).flatMap(({ item }) => objects(item.adjudication).map(({ item: a }) => a));
}

const PARTS = [
  {
    element: 'created',
    zh: '核定日期',
    has: (r: JsonObject) => present(r.created),
  },
  {
    element: 'item.adjudication.value',
    zh: '審查結果數量',
    has: (r: JsonObject) => adjudications(r).some((a) => present(a.value)),
  },
  {
    element: 'item.adjudication.reason',
    zh: '核定註記',
    has: (r: JsonObject) => adjudications(r).some((a) => present(a.reason)),
  },
  {
    element: 'extension',
    zh: '審查委員身分證號（extension-claimResponse-requestor）',
    has: (r: JsonObject) =>
      objects(r.extension).some(({ item }) => item.url === TWPAS_EXTENSIONS.claimResponseRequestor),
  },
] as const;

/** Bundle-twpas invariant claimResponse-1, plus the self-assessment entry itself. */
export const claimSelfAssessment: Rule = {
  id: 'claim.self-assessment',
  description:
    'With priority 3 the Bundle carries the self-assessment ClaimResponse with created, item.adjudication value and reason, and the reviewer-ID extension',
  check(context) {
    const view = claimOf(context);
    if (!view || priorityCode(view.claim) !== '3') return [];
    const response = context.entries.find((e) => e.resourceType === 'ClaimResponse' && e.resource);
    if (!response?.resource) {
      return [
        issue(
          this.id,
          'required',
          'Bundle.entry',
          '自主審查（priority 3）須附自主審查結果 ClaimResponse-self-assessment-twpas',
          'Self-review (priority 3) needs the self-assessment ClaimResponse (ClaimResponse-self-assessment-twpas)',
        ),
      ];
    }
    const issues: ValidationIssue[] = [];
    for (const part of PARTS) {
      if (part.has(response.resource)) continue;
      issues.push(
        issue(
          this.id,
          'required',
          `${response.path}.${part.element}`,
          `自主審查須填寫${part.zh}（ClaimResponse.${part.element}）`,
          `Self-review needs ClaimResponse.${part.element}`,
        ),
      );
    }
    return issues;
  },
};
