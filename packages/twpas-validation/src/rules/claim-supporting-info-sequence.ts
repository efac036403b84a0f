import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { objects } from '@openpas/ig-validation/json';
import { claimOf } from '../claim.ts';
import type { Rule } from '../types.ts';

/**
 * supportingInfo.sequence: positive integers without duplicates (error). Gaps are only a warning: the
 * guide's own example Bundle-bun-imm numbers its supportingInfo 1–4, 6, 8–18.
 */
export const claimSupportingInfoSequence: Rule = {
  id: 'claim.supporting-info-sequence',
  description: 'Claim.supportingInfo.sequence is 1..n without duplicates (gaps: warning)',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const issues: ValidationIssue[] = [];
    const seen = new Set<number>();
    for (const { item, index } of objects(view.claim.supportingInfo)) {
      const sequence = item.sequence;
      if (sequence === undefined) continue; // profile.required reports it
      const path = `${view.path}.supportingInfo[${index}].sequence`;
      if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
        issues.push(
          issue(
            this.id,
            'invalid',
            path,
            `${path} 須為正整數（目前為 ${String(sequence)}）`,
            `${path} must be a positive integer (found ${String(sequence)})`,
          ),
        );
      } else if (seen.has(sequence)) {
        issues.push(
          issue(
            this.id,
            'invalid',
            path,
            `supportingInfo.sequence ${sequence} 重複`,
            `supportingInfo.sequence ${sequence} is used twice`,
          ),
        );
      } else {
        seen.add(sequence);
      }
    }
    const max = Math.max(0, ...seen);
    const gaps = Array.from({ length: max }, (_, i) => i + 1).filter((n) => !seen.has(n));
    if (gaps.length > 0) {
      issues.push(
        issue(
          this.id,
          'invalid',
          `${view.path}.supportingInfo`,
          `supportingInfo.sequence 不連續，缺少 ${gaps.join('、')}`,
          `supportingInfo.sequence has gaps: ${gaps.join(', ')} missing`,
          'warning',
        ),
      );
    }
    return issues;
  },
};
