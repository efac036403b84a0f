import { describe, expect, it } from 'vitest';
import { openTargetForSuite } from '../testing/open-target.ts';
import { testTargets } from '../testing/targets.ts';
import { ping } from './ping.ts';

const targets = await testTargets();

describe.each(targets)('hand-written SQL through the driver adapter on $name', (target) => {
  const opened = openTargetForSuite(target);

  it('reads rows as objects and passes values only as parameters', async () => {
    await opened.db.prisma.organization.create({
      data: { kind: 'hospital', nhiCode: '0101090517', name: "O'Hospital" },
    });
    const rows = await opened.sql.query<{ name: string; kind: string }>(
      'SELECT name, kind::text AS kind FROM organization WHERE nhi_code = $1',
      ['0101090517'],
    );
    expect(rows).toEqual([{ name: "O'Hospital", kind: 'hospital' }]);
    expect(
      await opened.sql.query('SELECT name FROM organization WHERE nhi_code = $1', ["' OR '1'='1"]),
    ).toEqual([]);
  });

  it('takes a Buffer as the UTF-8 text of a text parameter, in and out of a transaction', async () => {
    const text = `{"name":"${'王小明 \\"quoted\\" '.repeat(20_000)}","n":1}`;
    const [row] = await opened.sql.query<{ same: unknown; length: unknown; name: unknown }>(
      `SELECT $1::text = $2::text AS same, length($1::text) AS length, ($1::text::jsonb) ->> 'n' AS name`,
      [Buffer.from(text, 'utf8'), text],
    );
    expect(row).toEqual({ same: true, length: text.length, name: '1' });
    const inside = await opened.sql.transaction(
      async (tx) => (await tx.query<{ t: string }>('SELECT $1::text AS t', [Buffer.from('受理 ok')]))[0]?.t,
    );
    expect(inside).toBe('受理 ok');
  });

  it('writes and counts the rows it changed', async () => {
    const changed = await opened.sql.execute(
      'INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)',
      ['R', 'read', 0],
    );
    expect(changed).toBe(1);
  });

  it('commits a transaction that succeeds and leaves nothing of one that throws', async () => {
    const count = async (subtype: string) =>
      Number(
        (
          await opened.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM audit_event WHERE subtype = $1', [
            subtype,
          ])
        )[0]?.n,
      );
    const kept = await opened.sql.transaction(async (tx) => {
      await tx.execute('INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)', [
        'C',
        'kept',
        0,
      ]);
      return tx.execute('INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)', [
        'C',
        'kept',
        0,
      ]);
    });
    expect(kept).toBe(1);
    expect(await count('kept')).toBe(2);
    await expect(
      opened.sql.transaction(async (tx) => {
        await tx.execute('INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)', [
          'C',
          'lost',
          0,
        ]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      opened.sql.transaction(async (tx) => {
        await tx.execute('INSERT INTO audit_event (action, subtype, outcome) VALUES ($1, $2, $3)', [
          'C',
          'lost',
          0,
        ]);
        await tx.execute('INSERT INTO no_such_table VALUES (1)');
      }),
    ).rejects.toThrow();
    expect(await count('lost')).toBe(0);
    // The connection is usable again after both.
    expect(await opened.sql.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).toEqual([
      { one: 1 },
    ]);
  });

  it('pings a database that answers, and fails the ping where it cannot answer', async () => {
    await expect(ping(opened.sql)).resolves.toBeUndefined();
    await expect(
      opened.sql.transaction(async (tx) => {
        await tx.execute('INSERT INTO no_such_table VALUES (1)').catch(() => undefined);
        // The transaction is aborted: nothing more is answered in it.
        await ping(tx);
      }),
    ).rejects.toThrow();
    await expect(ping(opened.sql)).resolves.toBeUndefined();
  });
});
