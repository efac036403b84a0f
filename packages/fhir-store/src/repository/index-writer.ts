import type { Prisma } from '@openpas/db';
import type { IndexRows } from '../search/types.ts';

/** Replaces a resource's search index rows (same transaction as the resource write). */
export async function writeIndexRows(
  tx: Prisma.TransactionClient,
  resourceType: string,
  resourceId: string,
  rows: IndexRows,
  replace: boolean,
): Promise<void> {
  const where = { resourceType, resourceId };
  if (replace) {
    await Promise.all([
      tx.searchToken.deleteMany({ where }),
      tx.searchString.deleteMany({ where }),
      tx.searchDate.deleteMany({ where }),
      tx.searchReference.deleteMany({ where }),
      tx.searchNumber.deleteMany({ where }),
    ]);
  }
  const own = { resourceType, resourceId };
  if (rows.tokens.length)
    await tx.searchToken.createMany({ data: rows.tokens.map((row) => ({ ...own, ...row })) });
  if (rows.strings.length)
    await tx.searchString.createMany({ data: rows.strings.map((row) => ({ ...own, ...row })) });
  if (rows.dates.length)
    await tx.searchDate.createMany({ data: rows.dates.map((row) => ({ ...own, ...row })) });
  if (rows.references.length) {
    await tx.searchReference.createMany({ data: rows.references.map((row) => ({ ...own, ...row })) });
  }
  if (rows.numbers.length)
    await tx.searchNumber.createMany({ data: rows.numbers.map((row) => ({ ...own, ...row })) });
}
