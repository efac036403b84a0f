import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { readMigrations } from './migrations-dir.ts';
import { openSchemaEngine } from './schema-engine.ts';

/**
 * Applies the committed migrations that the database has not seen yet, as `prisma migrate deploy` does
 * (same `_prisma_migrations` table), and returns the names applied now.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir?: string,
): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(adapterFactory);
  try {
    const migrationsList = await readMigrations(migrationsDir);
    const result = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    close();
  }
}
