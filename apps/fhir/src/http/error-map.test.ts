import { describe, expect, it } from 'vitest';
import { toHttpError } from './error-map.ts';

const context = { bodyLimit: 1024, language: 'en' as const };

describe('the error map', () => {
  it('answers a database that cannot serve now with 503, Retry-After and a transient OperationOutcome', () => {
    const lost = Object.assign(new Error('DatabaseNotReachable'), {
      name: 'DriverAdapterError',
      cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 },
    });
    const failure = toHttpError(lost, context);
    expect(failure.status).toBe(503);
    expect(failure.headers).toEqual({ 'Retry-After': '5' });
    expect(failure.outcome.issue).toEqual([
      {
        severity: 'fatal',
        code: 'transient',
        diagnostics: 'the database is unavailable for the moment; retry later',
      },
    ]);
  });

  it('keeps any other fault of ours a 500 that says nothing of its cause', () => {
    const failure = toHttpError(new Error('duplicate key value violates unique constraint'), context);
    expect(failure.status).toBe(500);
    expect(failure.headers).toEqual({});
    expect(failure.outcome.issue[0]).toMatchObject({ code: 'exception', diagnostics: 'unexpected error' });
  });
});
