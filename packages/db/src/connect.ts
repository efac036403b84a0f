import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { acquireOwnership, currentOwner } from './embedded/owner-lock.ts';
import { readDbEnv } from './env.ts';
import { PrismaClient } from './generated/prisma/client.ts';
import { applyMigrations } from './migrate/apply.ts';
import { withMigrationLock } from './migrate/lock.ts';
import { wholeScriptAdapter } from './migrate/whole-script.ts';

export type DatabaseKind = 'postgresql' | 'embedded' | 'embedded-client';

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** The driver adapter factory, for the schema engine and tools that need a raw connection */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The in-process PGlite when this process owns the embedded database */
  pglite?: PGlite;
  /** The migrations opening it applied (none when it was up to date or opened with migrate: false) */
  migrationsApplied: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgresql:// URL; default DATABASE_URL; null means the embedded database whatever the environment says */
  url?: string | null;
  /** Embedded database folder; default OPENPAS_DATA_DIR (./.data) */
  dataDir?: string;
  /** Apply pending migrations before returning (default true) */
  migrate?: boolean;
  poolSize?: number;
  /** How long a query waits for a connection before it fails; default OPENPAS_DB_POOL_TIMEOUT_MS */
  poolTimeoutMs?: number;
}

/**
 * Opens the platform database: PostgreSQL when a URL is given (or DATABASE_URL is set), otherwise the
 * embedded PGlite in the data folder, either in this process or, when another process owns it, through
 * that process's socket server.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const env = readDbEnv();
  const url = options.url === undefined ? env.DATABASE_URL : options.url;
  const poolSize = options.poolSize ?? env.OPENPAS_DB_POOL_SIZE;
  // A pool that is exhausted or a server that does not answer fails the query after this long, rather
  // than holding the request until the client gives up.
  const connectionTimeoutMillis = options.poolTimeoutMs ?? env.OPENPAS_DB_POOL_TIMEOUT_MS;
  let db: Database;
  let serverUrl = url ?? undefined;
  if (url) {
    db = fromAdapter(
      'postgresql',
      new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis }),
    );
  } else {
    const dataDir = options.dataDir ?? env.OPENPAS_DATA_DIR;
    const owner = currentOwner(dataDir);
    if (owner?.port) {
      serverUrl = `postgresql://postgres@127.0.0.1:${owner.port}/postgres`;
      db = fromAdapter(
        'embedded-client',
        new PrismaPg({ connectionString: serverUrl, max: Math.min(poolSize, 4), connectionTimeoutMillis }),
      );
    } else {
      db = await openEmbedded(dataDir);
    }
  }
  if (options.migrate ?? true) {
    try {
      db.migrationsApplied = serverUrl
        ? await withMigrationLock(serverUrl, () => applyMigrations(wholeScriptAdapter(db.adapterFactory)))
        : await applyMigrations(db.adapterFactory);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

function fromAdapter(kind: DatabaseKind, adapterFactory: SqlMigrationAwareDriverAdapterFactory): Database {
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return { prisma, kind, adapterFactory, migrationsApplied: [], close: () => prisma.$disconnect() };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const release = acquireOwnership(dataDir);
  try {
    const pglite = await PGlite.create(join(dataDir, 'pglite'));
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      kind: 'embedded',
      adapterFactory,
      pglite,
      migrationsApplied: [],
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
