import type { SqlRunner } from '../sql/fast-sql.ts';

/**
 * The next value of a named counter, taken inside the caller's transaction: the counter row stays locked
 * until that transaction ends, so a rolled-back transaction gives its number back and the numbers that
 * commit have no gaps (concurrent takers of the same counter wait for each other from here to commit).
 */
export async function nextSequence(tx: SqlRunner, name: string): Promise<number> {
  const [row] = await tx.query<{ value: unknown }>(
    `INSERT INTO sequence_counter (name, value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET value = sequence_counter.value + 1
     RETURNING value`,
    [name],
  );
  if (!row) throw new Error(`counter ${name} returned nothing`);
  return Number(row.value);
}
