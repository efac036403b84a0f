import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { readMigrations, schemaPath } from './migrations-dir.ts';
import { openSchemaEngine } from './schema-engine.ts';

/**
 * The SQL that takes a database from the committed migrations to the current schema.prisma, computed on a
 * throwaway in-memory PGlite (its shadow database works, unlike @prisma/adapter-pg's). Empty when in sync.
 */
export async function diffSchemaAgainstMigrations(migrationsDir?: string): Promise<string> {
  const db = new PGlite();
  const { engine, close } = await openSchemaEngine(new PrismaPGlite(db));
  try {
    const schema = await readFile(schemaPath, 'utf8');
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrations(migrationsDir)) },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    // With exitCode requested the engine answers 0 when nothing differs and 2 when a script is needed.
    return result.exitCode === 0 ? '' : (result.stdout ?? '').trim();
  } finally {
    close();
    await db.close();
  }
}
