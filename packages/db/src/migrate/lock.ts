import pg from 'pg';

// Several app instances may start together against one PostgreSQL: only one applies migrations at a
// time. A session-level advisory lock on a dedicated connection serialises them.
const MIGRATION_LOCK_KEY = 7_370_461_717; // arbitrary, fixed: "OpenPAS migrations"

export async function withMigrationLock<T>(url: string, run: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await run();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
