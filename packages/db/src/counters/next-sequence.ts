import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * The next value of a named counter, taken in its own short statement (not inside the caller's
 * transaction), so concurrent writers never queue behind each other's long transactions.
 */
export async function nextSequence(prisma: PrismaClient, name: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ value: bigint }[]>`
    INSERT INTO sequence_counter (name, value) VALUES (${name}, 1)
    ON CONFLICT (name) DO UPDATE SET value = sequence_counter.value + 1
    RETURNING value`;
  if (!row) throw new Error(`counter ${name} returned nothing`);
  return Number(row.value);
}
