import { describe, expect, it } from 'vitest';
import type { Skip } from './reports.ts';
import { judgeRun, type VitestReport } from './summary.ts';

const report = (counts: Partial<VitestReport>): VitestReport => ({
  numTotalTests: 0,
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  success: true,
  ...counts,
});
const passing = report({ numTotalTests: 10, numPassedTests: 8, numPendingTests: 2 });
const skipPostgres: Skip = {
  package: 'packages/db',
  what: 'PostgreSQL tests',
  why: 'on request (OPENPAS_TEST_SKIP_POSTGRES=1)',
};

describe('the verdict of ./openpas test', () => {
  it('passes when every package ran tests and none failed, and counts them', () => {
    expect(judgeRun([{ package: 'packages/db', report: passing }], [])).toEqual({
      failed: false,
      lines: ['8 passed, 0 failed, 2 skipped — 10 tests in 1 packages'],
    });
  });

  it('fails when one package’s tests were all skipped, though others passed', () => {
    const verdict = judgeRun(
      [
        { package: 'packages/db', report: passing },
        { package: 'packages/fhir', report: report({ numTotalTests: 3, numPendingTests: 3 }) },
      ],
      [],
    );
    expect(verdict.failed).toBe(true);
    expect(verdict.lines).toContain('packages/fhir: all 3 tests were skipped: that is a failure');
  });

  it('fails when a package ran no test, and when no test ran at all', () => {
    const verdict = judgeRun([{ package: 'packages/env', report: report({}) }], []);
    expect(verdict.failed).toBe(true);
    expect(verdict.lines).toEqual([
      '0 passed, 0 failed, 0 skipped — 0 tests in 1 packages',
      'packages/env: no test ran: that is a failure',
      'no test ran: that is a failure',
    ]);
    expect(judgeRun([], []).failed).toBe(true);
  });

  it('fails on a failed test', () => {
    const failing = report({ numTotalTests: 2, numPassedTests: 1, numFailedTests: 1, success: false });
    expect(judgeRun([{ package: 'apps/auth', report: failing }], []).failed).toBe(true);
  });

  it('fails when a test file did not load, and says why', () => {
    const unloaded = report({
      numTotalTests: 4,
      numPassedTests: 4,
      success: false,
      testResults: [
        { name: 'a.int.test.ts', status: 'failed', message: 'PostgreSQL is not reachable at …\nStart one' },
        { name: 'b.int.test.ts', status: 'failed', message: 'PostgreSQL is not reachable at …\nStart one' },
        { name: 'c.test.ts', status: 'passed' },
      ],
    });
    const verdict = judgeRun([{ package: 'packages/db', report: unloaded }], []);
    expect(verdict.failed).toBe(true);
    expect(verdict.lines.slice(1)).toEqual(['packages/db: PostgreSQL is not reachable at …']);
  });

  it('lists what was skipped on request and why, once per reason, and still passes', () => {
    const verdict = judgeRun(
      [
        { package: 'packages/db', report: passing },
        { package: 'apps/auth', report: passing },
      ],
      [
        { ...skipPostgres, package: 'packages/db' },
        { ...skipPostgres, package: 'apps/auth' },
        { package: 'packages/fhir', what: 'tests that read ../shared', why: 'because /x/shared is missing' },
      ],
    );
    expect(verdict).toEqual({
      failed: false,
      lines: [
        '16 passed, 0 failed, 4 skipped — 20 tests in 2 packages',
        'PostgreSQL tests skipped on request (OPENPAS_TEST_SKIP_POSTGRES=1): apps/auth, packages/db',
        'tests that read ../shared skipped because /x/shared is missing: packages/fhir',
      ],
    });
  });
});
