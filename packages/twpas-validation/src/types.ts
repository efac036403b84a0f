import type { IssueType, LocalizedText } from '@openpas/fhir';
import type { BundleContext } from './context.ts';

export type ValidationSeverity = 'error' | 'warning';

/** One finding of the built-in TWPAS rules. */
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

export interface ValidationOptions {
  /**
   * The caller's language. Every issue carries both languages in `message`; pick one with
   * `toOperationOutcome(issues, language)`. Accepted here so callers can pass the request's language through.
   */
  language?: 'zh-TW' | 'en';
}

/** A rule: a stable id, a one-line description, and a check over the parsed Bundle. */
export interface Rule {
  id: string;
  description: string;
  check(context: BundleContext): ValidationIssue[];
}
