import type { ValidationIssue } from '@openpas/twpas-validation';

/**
 * Why a case operation was refused, as domain codes; the FHIR API maps each to one status in its error
 * handler. `invalid` carries the validation findings (both layers, each with its FHIRPath).
 * - malformed: the request is not what the operation takes (a missing parameter …)
 * - invalid: the submission fails TWPAS validation (findings in `issues`)
 * - forbidden: the caller may not do this (not the hospital of the case, not a payer reviewer …)
 * - not-found: no such case, or not the caller's
 * - conflict: the case changed meanwhile, or is not in a state that allows it
 * - precondition-failed: the request names a version (If-Match) the case is no longer at
 * - business-rule: a workflow rule refuses it (illegal transition, missing comment …)
 */
export type CaseErrorCode =
  | 'malformed'
  | 'invalid'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'business-rule';

export class CaseError extends Error {
  readonly code: CaseErrorCode;
  readonly expression: string | undefined;
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: CaseErrorCode,
    message: string,
    options: { expression?: string; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message);
    this.name = 'CaseError';
    this.code = code;
    this.expression = options.expression;
    this.issues = options.issues ?? [];
  }
}
