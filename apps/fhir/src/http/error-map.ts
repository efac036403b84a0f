import { CaseError, type CaseErrorCode } from '@openpas/cases';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@openpas/db';
import { FhirRequestError, type OperationOutcomeIssue } from '@openpas/fhir-model';
import { SearchError, StoreError, type StoreErrorCode } from '@openpas/fhir-store';
import { TerminologyError } from '@openpas/terminology';
import { toOperationOutcome } from '@openpas/twpas-validation';
import { FhirHttpError } from './errors.ts';

// Every error a request can end in, mapped to a status and an OperationOutcome here and nowhere else.

type IssueCode = OperationOutcomeIssue['code'];

const STORE: Record<StoreErrorCode, [number, IssueCode]> = {
  'not-found': [404, 'not-found'],
  forbidden: [403, 'forbidden'],
  conflict: [409, 'conflict'],
  'precondition-failed': [412, 'conflict'],
  duplicate: [412, 'duplicate'],
  invalid: [400, 'invalid'],
  'business-rule': [422, 'business-rule'],
};

const CASE: Record<CaseErrorCode, [number, IssueCode]> = {
  malformed: [400, 'invalid'],
  invalid: [422, 'invalid'],
  forbidden: [403, 'forbidden'],
  'not-found': [404, 'not-found'],
  conflict: [409, 'conflict'],
  'precondition-failed': [412, 'conflict'],
  'business-rule': [422, 'business-rule'],
};

/** Errors of the HTTP framework (Fastify) a client causes. */
const FRAMEWORK: Record<string, [number, IssueCode, (limit: number) => string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too-costly', (limit) => `the body is larger than ${limit} bytes`],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'not-supported',
    () => 'Content-Type must be application/fhir+json (or application/x-www-form-urlencoded for _search)',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid', () => 'the body is empty; a FHIR resource was expected'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid', () => 'Content-Length does not match the body'],
};

export type Language = 'zh-TW' | 'en';

/** The language of TWPAS validation messages: English when asked first, else Traditional Chinese. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-TW';
}

export function toHttpError(
  error: unknown,
  context: { bodyLimit: number; language: Language },
): FhirHttpError {
  if (error instanceof FhirHttpError) return error;
  if (error instanceof FhirRequestError) return FhirHttpError.withOutcome(error.status, error.outcome);
  if (error instanceof StoreError) {
    const [status, code] = STORE[error.code];
    return new FhirHttpError(status, code, error.message, error.expression);
  }
  if (error instanceof CaseError) {
    const [status, code] = CASE[error.code];
    if (error.issues.length > 0)
      return FhirHttpError.withOutcome(status, toOperationOutcome([...error.issues], context.language));
    return new FhirHttpError(status, code, error.message, error.expression);
  }
  if (error instanceof TerminologyError)
    return new FhirHttpError(error.status, error.issue, error.message, error.expression);
  if (error instanceof SearchError)
    return new FhirHttpError(error.status, 'invalid', error.message, error.expression);
  const framework = error as { code?: string; statusCode?: number; message?: string };
  const known = framework.code ? FRAMEWORK[framework.code] : undefined;
  if (known) return new FhirHttpError(known[0], known[1], known[2](context.bodyLimit));
  if (framework.statusCode && framework.statusCode >= 400 && framework.statusCode < 500)
    return new FhirHttpError(framework.statusCode, 'invalid', framework.message ?? 'bad request');
  // The database is restarting, unreachable, out of connections or out of disk: a fault of the moment,
  // not of the request (a transaction it broke off is rolled back), so the client is told when to retry.
  if (isDatabaseUnavailable(error))
    return new FhirHttpError(
      503,
      'transient',
      'the database is unavailable for the moment; retry later',
      undefined,
      { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  return new FhirHttpError(500, 'exception', 'unexpected error');
}
