import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type OpenOptions, openDatabase } from '../connect.ts';
import { createThrowawayDatabase, postgresReachable, testPostgresUrl } from './postgres.ts';

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
 * throwaway database on the real PostgreSQL. When PostgreSQL cannot be reached, CI fails and a local
 * run skips it with a notice.
 */
export async function testTargets(): Promise<TestTarget[]> {
  const dir = await mkdtemp(join(tmpdir(), 'openpas-pglite-'));
  const targets: TestTarget[] = [
    {
      name: 'pglite',
      location: dir,
      open: (options = {}) => openDatabase({ ...options, url: null, dataDir: dir }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    },
  ];
  if (await postgresReachable()) {
    const pgdb = await createThrowawayDatabase();
    targets.push({
      name: 'postgresql',
      location: pgdb.url,
      open: (options = {}) => openDatabase({ ...options, url: pgdb.url }),
      dispose: () => pgdb.drop(),
    });
  } else if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is not reachable at ${testPostgresUrl}; CI runs every database test on it`);
  } else {
    console.warn(`NOTICE: PostgreSQL is not reachable at ${testPostgresUrl}; PostgreSQL tests are skipped`);
  }
  return targets;
}
