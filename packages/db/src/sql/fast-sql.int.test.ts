import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connect.ts';
import { testTargets } from '../testing/targets.ts';
import { type FastSql, openFastSql } from './fast-sql.ts';

const targets = await testTargets();

describe.each(targets)('hand-written SQL through the driver adapter on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('reads rows as objects and passes values only as parameters', async () => {
    await db.prisma.organization.create({
      data: { kind: 'hospital', nhiCode: '0101090517', name: "O'Hospital" },
    });
    const rows = await sql.query<{ name: string; kind: string }>(
      'SELECT name, kind::text AS kind FROM organization WHERE nhi_code = $1',
      ['0101090517'],
    );
    expect(rows).toEqual([{ name: "O'Hospital", kind: 'hospital' }]);
    expect(await sql.query('SELECT name FROM organization WHERE nhi_code = $1', ["' OR '1'='1"])).toEqual([]);
  });

  it('writes and counts the rows it changed', async () => {
    const changed = await sql.execute(
      'INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)',
      ['R', 'read', 0],
    );
    expect(changed).toBe(1);
  });
});
