import type { OperationOutcome, OperationOutcomeIssue } from '@openpas/fhir-model';
import { operationOutcome, outcomeIssue } from '@openpas/fhir-model';

/** An error the FHIR API answers with an OperationOutcome and a status. */
export class FhirHttpError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: OperationOutcomeIssue['code'],
    diagnostics: string,
    expression?: string,
    headers: Record<string, string> = {},
    /** An OperationOutcome already made (validation findings) instead of the one issue above */
    outcome?: OperationOutcome,
  ) {
    super(diagnostics);
    this.status = status;
    this.headers = headers;
    this.outcome =
      outcome ??
      operationOutcome([
        outcomeIssue({
          severity: status >= 500 ? 'fatal' : 'error',
          code,
          diagnostics,
          ...(expression ? { expression: [expression] } : {}),
        }),
      ]);
  }

  /** An error whose OperationOutcome is already made (validation findings). */
  static withOutcome(status: number, outcome: OperationOutcome): FhirHttpError {
    return new FhirHttpError(
      status,
      'invalid',
      outcome.issue[0]?.diagnostics ?? 'invalid',
      undefined,
      {},
      outcome,
    );
  }
}

export const unauthorized = (why: string) =>
  new FhirHttpError(401, 'login', why, undefined, {
    'WWW-Authenticate': `Bearer realm="fhir", error="invalid_token", error_description="${why.replace(/"/g, "'")}"`,
  });
export const noToken = () =>
  new FhirHttpError(401, 'login', 'a Bearer access token is required', undefined, {
    'WWW-Authenticate': 'Bearer realm="fhir"',
  });
export const notFound = (what: string) => new FhirHttpError(404, 'not-found', `${what} is not known`);
export const badRequest = (why: string, expression?: string) =>
  new FhirHttpError(400, 'invalid', why, expression);
