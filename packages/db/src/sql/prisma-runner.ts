import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SqlRunner } from './fast-sql.ts';

type PrismaLike = PrismaClient | Prisma.TransactionClient;

function isSqlRunner(db: PrismaLike | SqlRunner): db is SqlRunner {
  return typeof (db as SqlRunner).execute === 'function' && !('$queryRawUnsafe' in db);
}

/**
 * A SqlRunner over a Prisma client or interactive transaction (its raw-query API), so the store's
 * hand-written SQL runs inside a Prisma transaction too; a SqlRunner is returned as it is.
 */
export function sqlRunner(db: PrismaLike | SqlRunner): SqlRunner {
  if (isSqlRunner(db)) return db;
  return {
    query: <T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) =>
      db.$queryRawUnsafe<T[]>(sql, ...params),
    execute: (sql: string, params: readonly unknown[] = []) => db.$executeRawUnsafe(sql, ...params),
  };
}
