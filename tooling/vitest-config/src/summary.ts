// The verdict of `./openpas test` on the Vitest JSON reports and skip records in .reports/: pure, so its
// rules are tested (summary.test.ts); scripts/test.ts only reads the folder and prints.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDir, type Skip } from './reports.ts';

/** The fields of a Vitest JSON report the verdict reads. */
export interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  success: boolean;
  testResults?: { name: string; status: string; message?: string }[];
}

export interface PackageReport {
  /** e.g. packages/db */
  package: string;
  report: VitestReport;
}

export interface Verdict {
  failed: boolean;
  lines: string[];
}

/** Every report and skip record of the last run (the folder is emptied at the start of `./openpas test`). */
export function readRun(dir = reportsDir): { reports: PackageReport[]; skips: Skip[] } {
  const json = (folder: string) =>
    existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')) : [];
  return {
    // Reports are named after the package folder: packages-db.json for packages/db.
    reports: json(dir).map((file) => ({
      package: file.replace(/\.json$/, '').replace('-', '/'),
      report: JSON.parse(readFileSync(join(dir, file), 'utf8')) as VitestReport,
    })),
    skips: json(join(dir, 'skips')).map(
      (file) => JSON.parse(readFileSync(join(dir, 'skips', file), 'utf8')) as Skip,
    ),
  };
}

/**
 * Fails when a test failed or a test file did not load, when a package's tests were all skipped (or it
 * has none), and when no test ran at all; lists every skip with its reason either way.
 */
export function judgeRun(reports: PackageReport[], skips: Skip[]): Verdict {
  const lines: string[] = [];
  let failed = false;
  const total = (field: 'numTotalTests' | 'numPassedTests' | 'numFailedTests' | 'numPendingTests') =>
    reports.reduce((sum, { report }) => sum + report[field], 0);
  lines.push(
    `${total('numPassedTests')} passed, ${total('numFailedTests')} failed, ${total('numPendingTests')} skipped — ${total('numTotalTests')} tests in ${reports.length} packages`,
  );
  for (const { package: name, report } of reports) {
    const skipped = report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numPassedTests === 0 && report.numFailedTests === 0) {
      failed = true;
      lines.push(
        report.numTotalTests === 0
          ? `${name}: no test ran: that is a failure`
          : `${name}: all ${skipped} tests were skipped: that is a failure`,
      );
    }
    const unloaded = (report.testResults ?? []).filter((file) => file.status === 'failed' && file.message);
    if (!report.success || report.numFailedTests > 0) failed = true;
    for (const message of new Set(unloaded.map((file) => file.message?.split('\n')[0]))) {
      lines.push(`${name}: ${message}`);
    }
  }
  for (const [reason, packages] of groupSkips(skips)) lines.push(`${reason}: ${packages.join(', ')}`);
  if (total('numPassedTests') === 0) {
    failed = true;
    lines.push('no test ran: that is a failure');
  }
  return { failed, lines };
}

/** "PostgreSQL tests skipped on request (…)" → the packages it happened in. */
function groupSkips(skips: Skip[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const skip of skips) {
    const reason = `${skip.what} skipped ${skip.why}`;
    const packages = groups.get(reason) ?? [];
    if (!packages.includes(skip.package)) packages.push(skip.package);
    groups.set(reason, packages.sort());
  }
  return groups;
}
