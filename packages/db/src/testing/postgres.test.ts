import { describe, expect, it } from 'vitest';
import { planPostgresTests } from './postgres.ts';

const url = 'postgresql://postgres@127.0.0.1:1/postgres';
const facts = { url, reachable: true, skipRequested: false, ci: false };

describe('the PostgreSQL variant of the database tests', () => {
  it('runs where PostgreSQL is reachable, locally and in CI', () => {
    expect(planPostgresTests(facts)).toEqual({ kind: 'run' });
    expect(planPostgresTests({ ...facts, ci: true })).toEqual({ kind: 'run' });
  });

  it('fails a local run without PostgreSQL, saying how to start one or opt out', () => {
    const plan = planPostgresTests({ ...facts, reachable: false });
    expect(plan.kind).toBe('fail');
    const message = plan.kind === 'fail' ? plan.message : '';
    expect(message).toMatch(new RegExp(`^PostgreSQL is not reachable at ${url}`));
    expect(message).toContain('docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust');
    expect(message).toContain('OPENPAS_TEST_POSTGRES_URL');
    expect(message).toContain('OPENPAS_TEST_SKIP_POSTGRES=1 ./openpas test');
  });

  it('fails CI without PostgreSQL', () => {
    expect(planPostgresTests({ ...facts, reachable: false, ci: true })).toEqual({
      kind: 'fail',
      message: `PostgreSQL is not reachable at ${url}; CI runs every database test on it`,
    });
  });

  it('is skipped when the person asks, reachable or not, and says so', () => {
    for (const reachable of [true, false]) {
      expect(planPostgresTests({ ...facts, reachable, skipRequested: true })).toEqual({
        kind: 'skip',
        reason: 'on request (OPENPAS_TEST_SKIP_POSTGRES=1)',
      });
    }
  });

  it('is never skipped in CI, even on request', () => {
    expect(planPostgresTests({ ...facts, skipRequested: true, ci: true })).toMatchObject({ kind: 'fail' });
  });
});
