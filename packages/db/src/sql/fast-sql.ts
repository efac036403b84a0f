import type { ArgType, SqlDriverAdapter, SqlQueryable } from '@prisma/driver-adapter-utils';
import type { Database } from '../connect.ts';

// Hand-written SQL for the hot paths (token checks, reads, audit rows, the FHIR store's writes and Bundle
// submissions), sent straight through the driver adapter: the same connection setup as Prisma (PGlite or
// PostgreSQL) without its query layer, which costs more than the query itself on one-row statements and
// copies large parameters (a submitted Bundle's JSON) several times over. Values are always parameters.

/**
 * Hand-written SQL: what the stores' functions need from a database, a FastSql or one of its transactions.
 * Values are always parameters. Column values come back as the driver gives them: json/jsonb as text or
 * already parsed, timestamps as text or Date, bigint as number, string or bigint — read them with the
 * helpers in values.ts.
 */
export interface SqlRunner {
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface FastSql extends SqlRunner {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws (and the error rethrown). Nothing of a failed transaction stays.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function argType(value: unknown): ArgType {
  if (typeof value === 'number')
    return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' };
  if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' };
  if (typeof value === 'bigint') return { scalarType: 'bigint', arity: 'scalar' };
  if (Array.isArray(value)) return { scalarType: 'string', arity: 'list' };
  return { scalarType: 'string', arity: 'scalar' };
}

/**
 * How a Buffer parameter travels. A Buffer is text as UTF-8 bytes (a large document, which as one JS string
 * would be in V8's large-object space): node-postgres sends it in binary form, which for a `$n::text`
 * parameter is those bytes; the embedded PGlite takes a string.
 */
type BufferArgs = 'binary' | 'string';

const request = (sql: string, params: readonly unknown[], buffers: BufferArgs) => {
  const args =
    buffers === 'string'
      ? params.map((param) => (Buffer.isBuffer(param) ? param.toString('utf8') : param))
      : [...params];
  return { sql, args, argTypes: args.map(argType) };
};

function runnerOn(queryable: SqlQueryable, buffers: BufferArgs): SqlRunner {
  return {
    async query<T extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<T[]> {
      const result = await queryable.queryRaw(request(sql, params, buffers));
      return result.rows.map((row) => {
        const out: Record<string, unknown> = {};
        result.columnNames.forEach((name, index) => {
          out[name] = row[index];
        });
        return out as T;
      });
    },
    async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
      return queryable.executeRaw(request(sql, params, buffers));
    },
  };
}

const NO_ARGS = { args: [], argTypes: [] };

export async function openFastSql(db: Database): Promise<FastSql> {
  const adapter: SqlDriverAdapter = await db.adapterFactory.connect();
  const buffers: BufferArgs = db.pglite ? 'string' : 'binary';
  return {
    ...runnerOn(adapter, buffers),
    async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const tx = await adapter.startTransaction();
      // adapter-pg leaves COMMIT/ROLLBACK to its caller (commit()/rollback() only release the connection),
      // as Prisma's engine does it; PGlite's adapter ends the transaction in commit()/rollback() itself.
      const explicit = !tx.options.usePhantomQuery;
      let result: T;
      try {
        result = await work(runnerOn(tx, buffers));
      } catch (error) {
        try {
          if (explicit) await tx.executeRaw({ sql: 'ROLLBACK', ...NO_ARGS });
        } catch {
          // The connection is gone: the server has rolled the transaction back itself.
        } finally {
          await tx.rollback();
        }
        throw error;
      }
      try {
        if (explicit) await tx.executeRaw({ sql: 'COMMIT', ...NO_ARGS });
        // PGlite's adapter commits in commit() and drops an error of the COMMIT itself (the transaction is
        // then rolled back, but commit() resolves): deferred triggers run here instead, where they can fail.
        else await tx.executeRaw({ sql: 'SET CONSTRAINTS ALL IMMEDIATE', ...NO_ARGS });
      } catch (error) {
        await tx.rollback();
        throw error;
      }
      await tx.commit();
      return result;
    },
    // An in-process PGlite is closed by its Database; a pool of our own is ours to end.
    close: async () => {
      if (!db.pglite) await adapter.dispose();
    },
  };
}
