import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

export const packageRoot = resolve(import.meta.dirname, '../..');
export const schemaPath = join(packageRoot, 'prisma', 'schema.prisma');
export const migrationsDir = join(packageRoot, 'prisma', 'migrations');

/** The committed migration folders in the shape the schema engine reads (as `prisma migrate deploy` does). */
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const names = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = join(dir, 'migration_lock.toml');
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name, 'migration.sql');
      const content = await readFile(path, 'utf8').then(
        (text) => ({ tag: 'ok' as const, value: text }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: dir,
    lockfile: {
      path: lockPath,
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}
