import type { OperationOutcomeIssue } from 'fhir/r4.js';

/** FHIR issue-type code (OperationOutcome.issue.code). */
export type IssueType = OperationOutcomeIssue['code'];

/** A message in both languages. */
export interface LocalizedText {
  'zh-TW': string;
  en: string;
}

export type ValidationSeverity = 'error' | 'warning';

/** One finding of a validation layer (the implementation guide's here, the built-in TWPAS rules'). */
export interface ValidationIssue {
  /** Stable id of the rule that found it, e.g. `bundle.entry-slices`. */
  rule: string;
  severity: ValidationSeverity;
  /** FHIR issue-type code (OperationOutcome.issue.code). */
  code: IssueType;
  /** FHIRPath of the failing element, e.g. `Bundle.entry[0].resource.ofType(Claim).supportingInfo[2].sequence`. */
  expression: string;
  message: LocalizedText;
}

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

/** The issue for a body that is not a FHIR Bundle, under the rule id of the layer that looked at it. */
export function notABundle(rule: string): ValidationIssue {
  return issue(
    rule,
    'structure',
    'Bundle',
    '內容須為 resourceType 為 Bundle 的 FHIR 資源',
    'The body must be a FHIR resource with resourceType Bundle',
  );
}
