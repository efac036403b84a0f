/**
 * What can go wrong in the store, as domain codes; the FHIR API maps each code to one HTTP status and
 * OperationOutcome issue type in its one error handler.
 * - not-found: missing, or outside the caller's compartment (never told apart: no existence oracle)
 * - forbidden: the scopes do not allow the interaction, or the resource is the workflow's to change
 * - precondition-failed: a stale If-Match or a lost race between two writers
 * - duplicate: a conditional create whose criteria match several resources
 * - invalid: the request itself is malformed
 * - business-rule: a well-formed request that a rule of this server refuses
 */
export type StoreErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'precondition-failed'
  | 'duplicate'
  | 'invalid'
  | 'business-rule';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** FHIRPath of the element at fault, when there is one */
  readonly expression: string | undefined;

  constructor(code: StoreErrorCode, message: string, expression?: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.expression = expression;
  }
}

export const notFound = (type: string, id: string) =>
  new StoreError('not-found', `${type}/${id} is not known`);
export const versionConflict = (type: string, id: string, expected: number, actual: number) =>
  new StoreError(
    'precondition-failed',
    `${type}/${id} is at version ${actual}, not ${expected} (If-Match)`,
    'If-Match',
  );
export const forbidden = (message: string) => new StoreError('forbidden', message);
