import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

// @prisma/adapter-pg runs a migration script by splitting it on every ';', which breaks any statement
// with a semicolon inside (function bodies, string literals, comments). PostgreSQL's simple query
// protocol takes the whole script at once, in one implicit transaction, so we send it whole.

interface PgAdapterInternals {
  client: { query(text: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
}

function patch<T extends object>(adapter: T): T {
  const internals = adapter as unknown as PgAdapterInternals;
  if (typeof internals.client?.query !== 'function' || typeof internals.onError !== 'function') {
    throw new Error('unexpected @prisma/adapter-pg internals: update src/migrate/whole-script.ts');
  }
  internals.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

/** Wraps a PostgreSQL adapter factory so that migration scripts reach the server unsplit. */
export function wholeScriptAdapter(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}
