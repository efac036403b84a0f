import { issue, notABundle, type ValidationIssue } from '@openpas/ig-validation';
import { isObject } from '@openpas/ig-validation/json';
import { createContext } from './context.ts';
import { RULES } from './rules/index.ts';
import type { Rule, ValidationOptions } from './types.ts';

export const NOT_A_BUNDLE_RULE = 'bundle.resource-type';

/**
 * Validates a TWPAS request Bundle (Bundle-twpas or Bundle-immunologic-agent-twpas) with the built-in
 * rules; returns every issue found (errors and warnings), [] when there are none. Never throws: a rule
 * that fails unexpectedly is reported as an `exception` issue under its id.
 */
export function validateRequestBundle(
  bundle: unknown,
  _options: ValidationOptions = {},
  rules: readonly Rule[] = RULES,
): ValidationIssue[] {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    return [notABundle(NOT_A_BUNDLE_RULE)];
  }
  const context = createContext(bundle);
  return rules.flatMap((rule) => {
    try {
      return rule.check(context);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return [
        issue(
          rule.id,
          'exception',
          'Bundle',
          `規則 ${rule.id} 執行失敗：${detail}`,
          `Rule ${rule.id} failed: ${detail}`,
        ),
      ];
    }
  });
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
