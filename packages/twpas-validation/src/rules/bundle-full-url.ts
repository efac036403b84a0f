import { issue, type ValidationIssue } from '@openpas/ig-validation';
import type { Rule } from '../types.ts';

const URN_UUID = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ABSOLUTE_URL = /^https?:\/\/[^\s/]+\/\S*$/;

export const bundleFullUrl: Rule = {
  id: 'bundle.full-url',
  description: 'Every entry.fullUrl is a urn:uuid or an absolute URL, and no two are the same',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const expression = `Bundle.entry[${entry.index}].fullUrl`;
      const url = entry.fullUrl;
      if (url === undefined) {
        issues.push(
          issue(
            this.id,
            'required',
            expression,
            `${expression} 必填（urn:uuid 或絕對網址）`,
            `${expression} is required (a urn:uuid or an absolute URL)`,
          ),
        );
      } else if (!URN_UUID.test(url) && !ABSOLUTE_URL.test(url)) {
        issues.push(
          issue(
            this.id,
            'invalid',
            expression,
            `${expression} 須為 urn:uuid 或絕對網址（目前為 ${url}）`,
            `${expression} must be a urn:uuid or an absolute URL (found ${url})`,
          ),
        );
      } else if (seen.has(url)) {
        issues.push(
          issue(
            this.id,
            'invalid',
            expression,
            `${expression} 與其他 entry 重複：${url}`,
            `${expression} repeats another entry's fullUrl: ${url}`,
          ),
        );
      }
      if (url !== undefined) seen.add(url);
    }
    return issues;
  },
};
