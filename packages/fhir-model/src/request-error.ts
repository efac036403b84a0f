/**
 * A request the FHIR API refuses, raised by the package functions that check requests (limits.ts,
 * r4/subset.ts, r4/unknown-elements.ts): the HTTP status and the OperationOutcome to answer with. The HTTP
 * layer maps it in one place.
 */
import { operationOutcome, outcomeIssue } from './operation-outcome.ts';
import type { OperationOutcome, OperationOutcomeIssue } from './types.ts';

export interface RequestIssue {
  code: OperationOutcomeIssue['code'];
  diagnostics: string;
  /** FHIRPath of the element, or the name of the parameter */
  expression?: string;
}

export class FhirRequestError extends Error {
  readonly status: number;
  readonly issues: readonly RequestIssue[];

  constructor(status: number, issues: readonly RequestIssue[]) {
    super(issues.map((issue) => issue.diagnostics).join('; '));
    this.name = 'FhirRequestError';
    this.status = status;
    this.issues = issues;
  }

  get outcome(): OperationOutcome {
    return operationOutcome(
      this.issues.map((issue) =>
        outcomeIssue({
          severity: 'error',
          code: issue.code,
          diagnostics: issue.diagnostics,
          ...(issue.expression ? { expression: [issue.expression] } : {}),
        }),
      ),
    );
  }
}
