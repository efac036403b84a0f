import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../migrate/migrations-dir.ts';

const run = promisify(execFile);
const dataDir = await mkdtemp(join(tmpdir(), 'openpas-migrate-cli-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `./openpas db:migrate`'s script on the embedded database in a temporary folder. */
async function migrate(): Promise<string> {
  const { stderr } = await run(process.execPath, ['src/cli/migrate.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: '', OPENPAS_DATA_DIR: dataDir },
  });
  return stderr.trim();
}

describe('the migrate command (db:migrate)', () => {
  it('applies every committed migration to the embedded database, then finds it up to date', async () => {
    const committed = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(await migrate()).toBe(`applied to the embedded database in ${dataDir}: ${committed.join(', ')}`);
    expect(await migrate()).toBe(`the embedded database in ${dataDir} is up to date`);
  }, 180_000);
});
