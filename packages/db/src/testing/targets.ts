import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordSkip } from '@openpas/vitest-config/reports';
import { type Database, type OpenOptions, openDatabase } from '../connect.ts';
import { createThrowawayDatabase, testPostgresPlan } from './postgres.ts';

export interface TestTarget {
  name: 'pglite' | 'postgresql';
  /** Opens (again) the same database; a second open after close() sees what the first one wrote */
  open(options?: Omit<OpenOptions, 'url' | 'dataDir'>): Promise<Database>;
  /** Where it lives: the PGlite folder or the PostgreSQL URL */
  location: string;
  /** Removes the database or folder */
  dispose(): Promise<void>;
}

/**
 * One fresh database per backend the suite runs on: an embedded PGlite in a temporary folder and a
 * throwaway database on the real PostgreSQL. Without PostgreSQL the tests fail (planPostgresTests), unless
 * OPENPAS_TEST_SKIP_POSTGRES=1 skips that variant, with a notice and a line in ./openpas test's summary.
 */
export async function testTargets(): Promise<TestTarget[]> {
  const plan = await testPostgresPlan();
  if (plan.kind === 'fail') throw new Error(plan.message);
  const dir = await mkdtemp(join(tmpdir(), 'openpas-pglite-'));
  const targets: TestTarget[] = [
    {
      name: 'pglite',
      location: dir,
      open: (options = {}) => openDatabase({ ...options, url: null, dataDir: dir }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    },
  ];
  if (plan.kind === 'run') {
    const pgdb = await createThrowawayDatabase();
    targets.push({
      name: 'postgresql',
      location: pgdb.url,
      open: (options = {}) => openDatabase({ ...options, url: pgdb.url }),
      dispose: () => pgdb.drop(),
    });
  } else {
    console.warn(`NOTICE: PostgreSQL tests skipped ${plan.reason}`);
    recordSkip('PostgreSQL tests', plan.reason);
  }
  return targets;
}
