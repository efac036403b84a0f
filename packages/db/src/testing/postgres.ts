import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests use: trust auth on 127.0.0.1:5432 unless OPENPAS_TEST_POSTGRES_URL says otherwise. */
export const testPostgresUrl =
  process.env.OPENPAS_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const SKIP_POSTGRES = 'OPENPAS_TEST_SKIP_POSTGRES';

/** Whether the database tests run their PostgreSQL variant, skip it, or must fail the run. */
export type PostgresPlan =
  | { kind: 'run' }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; message: string };

/**
 * Every database test runs on PGlite and on PostgreSQL. Without PostgreSQL the run fails and says how to
 * get one, unless the person opted out (OPENPAS_TEST_SKIP_POSTGRES=1), which CI does not allow.
 */
export function planPostgresTests(facts: {
  url: string;
  reachable: boolean;
  skipRequested: boolean;
  ci: boolean;
}): PostgresPlan {
  if (facts.skipRequested && facts.ci) {
    return {
      kind: 'fail',
      message: `${SKIP_POSTGRES}=1 is not allowed in CI (CI=true): CI runs every database test on PostgreSQL`,
    };
  }
  if (facts.skipRequested) return { kind: 'skip', reason: `on request (${SKIP_POSTGRES}=1)` };
  if (facts.reachable) return { kind: 'run' };
  if (facts.ci) {
    return {
      kind: 'fail',
      message: `PostgreSQL is not reachable at ${facts.url}; CI runs every database test on it`,
    };
  }
  return {
    kind: 'fail',
    message: [
      `PostgreSQL is not reachable at ${facts.url}, and every database test runs on it as well as on PGlite.`,
      '  Start one that lets the user postgres in from 127.0.0.1 without a password, e.g.',
      '    docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17',
      '  (or: sudo apt-get install -y postgresql, a "host all postgres 127.0.0.1/32 trust" line in pg_hba.conf),',
      '  or point OPENPAS_TEST_POSTGRES_URL at a server whose user may CREATE DATABASE,',
      `  or run without the PostgreSQL tests: ${SKIP_POSTGRES}=1 ./openpas test`,
    ].join('\n'),
  };
}

/** The plan for this run, from the environment; PostgreSQL is probed only when it matters. */
export async function testPostgresPlan(): Promise<PostgresPlan> {
  const env = process.env;
  const skipRequested = env[SKIP_POSTGRES] === '1';
  return planPostgresTests({
    url: testPostgresUrl,
    skipRequested,
    ci: env.CI === 'true',
    reachable: !skipRequested && (await postgresReachable()),
  });
}

export async function postgresReachable(url = testPostgresUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database for one test run; drop() removes it even with connections still open. */
export async function createThrowawayDatabase(baseUrl = testPostgresUrl): Promise<ThrowawayDatabase> {
  const name = `openpas_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
