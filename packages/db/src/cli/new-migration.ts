// Writes a new migration folder from the difference between prisma/schema.prisma and the committed
// migrations:  ./openpas --filter @openpas/db migration:new <name>
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffSchemaAgainstMigrations } from '../migrate/diff.ts';
import { migrationsDir } from '../migrate/migrations-dir.ts';

const name = (process.argv[2] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_');
if (!name) {
  console.error('usage: migration:new <name>');
  process.exit(2);
}

const lock = join(migrationsDir, 'migration_lock.toml');
if (!existsSync(lock)) {
  await mkdir(migrationsDir, { recursive: true });
  await writeFile(
    lock,
    '# Written by the migration tooling; keep it in version control.\nprovider = "postgresql"\n',
  );
}

const sql = await diffSchemaAgainstMigrations();
if (!sql) {
  console.error('schema.prisma and the migrations agree: nothing to write');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), `${sql}\n`);
console.error(`wrote ${dir}/migration.sql`);
