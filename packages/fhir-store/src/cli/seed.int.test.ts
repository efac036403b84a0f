import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@openpas/db';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = await mkdtemp(join(tmpdir(), 'openpas-seed-cli-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `./openpas db:seed`'s script on the embedded database in a temporary folder. */
async function seed(env: Record<string, string> = {}): Promise<string> {
  const { stderr } = await run(process.execPath, ['src/cli/seed.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', OPENPAS_DATA_DIR: dataDir, ...env },
  });
  return stderr.trim();
}

describe('the seed command (db:seed)', () => {
  it('migrates the embedded database and seeds the sandbox into it', async () => {
    expect(await seed()).toMatch(
      /^sandbox: \d+ organisations, 7 accounts .+ patients, \d+ chart records written$/,
    );
    const db = await openDatabase({ url: null, dataDir, migrate: false });
    try {
      const users = await db.prisma.user.findMany({
        select: { username: true },
        orderBy: { username: 'asc' },
      });
      expect(users.map((user) => user.username)).toEqual([
        'admin',
        'clinician',
        'clinician-b',
        'developer',
        'hospital-admin',
        'patient',
        'reviewer',
      ]);
    } finally {
      await db.close();
    }
  }, 300_000);

  it('seeds nothing when OPENPAS_SANDBOX=0', async () => {
    expect(await seed({ OPENPAS_SANDBOX: '0' })).toBe(
      'sandbox: not seeded (OPENPAS_SANDBOX=0, or NODE_ENV=production)',
    );
  }, 180_000);
});
