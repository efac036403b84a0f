import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { isObject } from '@openpas/ig-validation/json';
import type { Rule } from '../types.ts';

export const bundleEntryResource: Rule = {
  id: 'bundle.entry-resource',
  description: 'Bundle.entry is a non-empty list and every entry carries a resource with a resourceType',
  check({ bundle, entries }) {
    if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) {
      return [
        issue(
          this.id,
          Array.isArray(bundle.entry) || bundle.entry === undefined ? 'required' : 'structure',
          'Bundle.entry',
          'Bundle.entry 須為至少一筆的陣列',
          'Bundle.entry must be a list of at least one entry',
        ),
      ];
    }
    const issues: ValidationIssue[] = [];
    for (const entry of entries) {
      if (!isObject(entry.entry) || !entry.resource) {
        issues.push(
          issue(
            this.id,
            'required',
            `Bundle.entry[${entry.index}].resource`,
            `Bundle.entry[${entry.index}] 缺少 resource`,
            `Bundle.entry[${entry.index}] has no resource`,
          ),
        );
      } else if (!entry.resourceType) {
        issues.push(
          issue(
            this.id,
            'required',
            `Bundle.entry[${entry.index}].resource.resourceType`,
            `Bundle.entry[${entry.index}].resource 缺少 resourceType`,
            `Bundle.entry[${entry.index}].resource has no resourceType`,
          ),
        );
      }
    }
    return issues;
  },
};
