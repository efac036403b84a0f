import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connect.ts';
import { currentOwner } from './owner-lock.ts';
import { serveEmbedded } from './serve.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'openpas-serve-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the embedded database shared by several apps', () => {
  it('is served by its owner on 127.0.0.1, and what clients write survives a restart', async () => {
    const server = await serveEmbedded({ dataDir, port: 0 });
    expect(currentOwner(dataDir)).toMatchObject({ pid: process.pid, port: server.port });

    const client = await openDatabase({ url: null, dataDir });
    expect(client.kind).toBe('embedded-client');
    await client.prisma.organization.create({ data: { kind: 'payer', nhiCode: 'A21030000I', name: 'NHIA' } });

    // Any PostgreSQL client reaches it too (psql, pg).
    const raw = new pg.Client({ connectionString: server.url });
    await raw.connect();
    const { rows } = await raw.query<{ n: string }>('SELECT count(*) AS n FROM organization');
    expect(rows[0]?.n).toBe('1');
    await raw.end();

    await client.close();
    await server.stop();
    expect(currentOwner(dataDir)).toBeNull();

    const reopened = await openDatabase({ url: null, dataDir });
    expect(reopened.kind).toBe('embedded');
    expect(await reopened.prisma.organization.findUnique({ where: { nhiCode: 'A21030000I' } })).toMatchObject(
      {
        name: 'NHIA',
      },
    );
    await reopened.close();
  }, 120_000); // two PGlite opens with migrations: slow on a busy 2-core machine

  it('is never opened twice: a second in-process open without a server is refused with the reason', async () => {
    const first = await openDatabase({ url: null, dataDir });
    await expect(openDatabase({ url: null, dataDir })).rejects.toThrow(/already open in this process/);
    await first.close();
  });

  it('keeps concurrent clients apart: each parameterized query, large or small, gets its own answer', async () => {
    const served = await mkdtemp(join(tmpdir(), 'openpas-serve-many-'));
    const server = await serveEmbedded({ dataDir: served, port: 0 });
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        return client;
      }),
    );
    try {
      // Extended-protocol queries (Parse/Bind/Execute/Sync), some with a parameter too large for one TCP
      // read, from every client at once: none may see another's statement, portal or result.
      const big = 'x'.repeat(300_000);
      await Promise.all(
        clients.map(async (client, c) => {
          for (let n = 0; n < 25; n += 1) {
            const value = `${c}:${n}:${n % 5 === 0 ? big : ''}`;
            // Each client's statement differs, so running another's prepared statement shows.
            const { rows } = await client.query<{ echoed: string; length: number; client: number }>(
              `SELECT $1::text AS echoed, length($1::text) AS length, ${c} AS client`,
              [value],
            );
            expect(rows).toEqual([{ echoed: value, length: value.length, client: c }]);
          }
        }),
      );
      // A transaction on one connection is not joined by statements of another.
      const [first, second] = clients as [pg.Client, pg.Client];
      await first.query('CREATE TABLE t (n int)');
      await first.query('BEGIN');
      await first.query('INSERT INTO t VALUES ($1)', [1]);
      const seen = second.query<{ n: string }>('SELECT count(*) AS n FROM t');
      await first.query('ROLLBACK');
      expect((await seen).rows[0]?.n).toBe('0');
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await server.stop();
      await rm(served, { recursive: true, force: true });
    }
  });
});
