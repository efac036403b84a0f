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
  });

  it('is never opened twice: a second in-process open without a server is refused with the reason', async () => {
    const first = await openDatabase({ url: null, dataDir });
    await expect(openDatabase({ url: null, dataDir })).rejects.toThrow(/already open in this process/);
    await first.close();
  });
});
