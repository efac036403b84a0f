import {
  type OperationOutcome,
  type OutcomeLanguage,
  operationOutcome,
  outcomeIssue,
} from '@openpas/fhir-model';
import type { ValidationIssue } from '@openpas/ig-validation';

/**
 * The issues as an OperationOutcome: diagnostics in the language asked for, details.text in the other
 * one, expression the FHIRPath. With no issues it holds one informational "no issues" entry.
 */
export function toOperationOutcome(
  issues: readonly ValidationIssue[],
  language: OutcomeLanguage = 'zh-TW',
): OperationOutcome {
  if (issues.length === 0) {
    return operationOutcome([
      outcomeIssue({
        severity: 'information',
        code: 'informational',
        diagnostics: { 'zh-TW': '檢核通過，沒有發現問題', en: 'Validation passed; no issues found' },
        language,
      }),
    ]);
  }
  return operationOutcome(
    issues.map((i) =>
      outcomeIssue({
        severity: i.severity,
        code: i.code,
        diagnostics: i.message,
        expression: [i.expression],
        language,
      }),
    ),
  );
}
