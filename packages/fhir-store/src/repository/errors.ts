/** Failures of the resource store, each with the HTTP status the FHIR API answers. */
export class StoreError extends Error {
  readonly status: 404 | 409 | 410 | 412 | 422;
  readonly code: 'not-found' | 'deleted' | 'conflict' | 'precondition-failed' | 'invalid';

  constructor(status: StoreError['status'], code: StoreError['code'], message: string) {
    super(message);
    this.name = 'StoreError';
    this.status = status;
    this.code = code;
  }
}

export const notFound = (type: string, id: string) =>
  new StoreError(404, 'not-found', `${type}/${id} is not known`);
export const versionConflict = (type: string, id: string, expected: number, actual: number) =>
  new StoreError(
    412,
    'precondition-failed',
    `${type}/${id} is at version ${actual}, not ${expected} (If-Match)`,
  );
