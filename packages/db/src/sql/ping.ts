import type { SqlRunner } from './fast-sql.ts';

/** Resolves when the database answers a trivial query, rejects otherwise (readiness probes). */
export async function ping(sql: SqlRunner): Promise<void> {
  await sql.query('SELECT 1 AS ok');
}
