import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../connect.ts';
import { type FastSql, openFastSql } from '../sql/fast-sql.ts';
import type { TestTarget } from './targets.ts';

/**
 * Opens the target's database and a FastSql on it before the tests of the calling `describe`, and closes
 * and removes both after them. Read `db` and `sql` inside tests (they exist once beforeAll has run).
 */
export function openTargetForSuite(target: TestTarget): { readonly db: Database; readonly sql: FastSql } {
  let db: Database | undefined;
  let sql: FastSql | undefined;
  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test database is opened in beforeAll');
    return value;
  };
  return {
    get db() {
      return opened(db);
    },
    get sql() {
      return opened(sql);
    },
  };
}
