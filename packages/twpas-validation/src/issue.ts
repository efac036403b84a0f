import type { IssueType } from '@openpas/fhir';
import type { ValidationIssue, ValidationSeverity } from './types.ts';

/** Builds an issue; messages are short, name the element and say what is expected. */
export function issue(
  rule: string,
  code: IssueType,
  expression: string,
  zh: string,
  en: string,
  severity: ValidationSeverity = 'error',
): ValidationIssue {
  return { rule, severity, code, expression, message: { 'zh-TW': zh, en } };
}
