import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository, and where each Vitest run leaves its JSON report and its skip records for `./openpas test`. */
export const repoRoot = resolve(import.meta.dirname, '../../..');
export const reportsDir = join(repoRoot, '.reports');

/** A group of tests a run left out on purpose, and why; `./openpas test` lists them in its summary. */
export interface Skip {
  /** the package whose tests were skipped, e.g. packages/db */
  package: string;
  /** what was skipped, e.g. "PostgreSQL tests" */
  what: string;
  /** why, e.g. "on request (OPENPAS_TEST_SKIP_POSTGRES=1)" */
  why: string;
}

/** Records a skip of the package under test (the current directory); recording the same one again is harmless. */
export function recordSkip(what: string, why: string): void {
  const skip: Skip = { package: relative(repoRoot, process.cwd()) || '.', what, why };
  const file = `${skip.package}--${what}`.replace(/[^a-zA-Z0-9-]+/g, '_');
  mkdirSync(join(reportsDir, 'skips'), { recursive: true });
  writeFileSync(join(reportsDir, 'skips', `${file}.json`), JSON.stringify(skip));
}
