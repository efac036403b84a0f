// What the registry refuses, in terms an API maps once: not there (or not the caller's), a step the
// review state does not allow, or input with problems per field.

export type RegistryErrorCode = 'not-found' | 'conflict' | 'invalid';

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  /** For `invalid`: the messages of each field at fault */
  readonly fieldErrors: Record<string, string[]>;

  constructor(code: RegistryErrorCode, message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.name = 'RegistryError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = 'app') => new RegistryError('not-found', `no such ${what}`);
export const conflict = (message: string) => new RegistryError('conflict', message);
