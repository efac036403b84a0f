import type { ArgType, SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { Database } from '../connect.ts';

// Hand-written SQL for the few hottest paths (token checks, reads, audit rows), sent straight through the
// driver adapter: the same connection setup as Prisma (PGlite or PostgreSQL) without its query layer,
// which costs more than the query itself on these one-row statements. Values are always parameters.

export interface FastSql {
  /** Rows as objects; json/jsonb columns come back as text (parse them), timestamps as text. */
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
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

export async function openFastSql(db: Database): Promise<FastSql> {
  const adapter: SqlDriverAdapter = await db.adapterFactory.connect();
  const request = (sql: string, params: readonly unknown[]) => ({
    sql,
    args: [...params],
    argTypes: params.map(argType),
  });
  return {
    async query<T extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<T[]> {
      const result = await adapter.queryRaw(request(sql, params));
      return result.rows.map((row) => {
        const out: Record<string, unknown> = {};
        result.columnNames.forEach((name, index) => {
          out[name] = row[index];
        });
        return out as T;
      });
    },
    async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
      return adapter.executeRaw(request(sql, params));
    },
    // An in-process PGlite is closed by its Database; a pool of our own is ours to end.
    close: async () => {
      if (!db.pglite) await adapter.dispose();
    },
  };
}
