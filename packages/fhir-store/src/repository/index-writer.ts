import type { Prisma } from '@openpas/db';
import type { FhirResource } from '@openpas/fhir';
import { extractIndexRows } from '../search/extract.ts';

// A resource's search index rows live beside it (search_*), written in the transaction of the resource.

/** Removes a resource's index rows (before its next version's rows are written). */
export async function deleteIndexRows(
  tx: Prisma.TransactionClient,
  resourceType: string,
  resourceId: string,
): Promise<void> {
  const where = { resourceType, resourceId };
  await tx.searchToken.deleteMany({ where });
  await tx.searchString.deleteMany({ where });
  await tx.searchDate.deleteMany({ where });
  await tx.searchReference.deleteMany({ where });
  await tx.searchNumber.deleteMany({ where });
}

/**
 * Writes the index rows of any number of resources: one INSERT … SELECT per table over a JSON array
 * passed as a single parameter, which PostgreSQL unpacks far faster than an ORM batch of the same rows.
 */
export async function insertIndexRows(
  tx: Prisma.TransactionClient,
  resources: readonly FhirResource[],
): Promise<void> {
  const index: Record<'tokens' | 'strings' | 'dates' | 'references' | 'numbers', Record<string, unknown>[]> =
    {
      tokens: [],
      strings: [],
      dates: [],
      references: [],
      numbers: [],
    };
  for (const resource of resources) {
    const own = { resource_type: resource.resourceType, resource_id: String(resource.id) };
    const rows = extractIndexRows(resource);
    for (const row of rows.tokens)
      index.tokens.push({ ...own, param: row.param, system: row.system, code: row.code, text: row.text });
    for (const row of rows.strings) index.strings.push({ ...own, param: row.param, value: row.value });
    for (const row of rows.dates)
      index.dates.push({
        ...own,
        param: row.param,
        start: row.start.toISOString(),
        end: row.end.toISOString(),
      });
    for (const row of rows.references) {
      index.references.push({
        ...own,
        param: row.param,
        target_type: row.targetType,
        target_id: row.targetId,
      });
    }
    for (const row of rows.numbers)
      index.numbers.push({ ...own, param: row.param, value: row.value, system: row.system, code: row.code });
  }
  const bulk: [keyof typeof index, string, string][] = [
    [
      'tokens',
      'search_token (resource_type, resource_id, param, system, code, text)',
      'resource_type text, resource_id text, param text, system text, code text, text text',
    ],
    [
      'strings',
      'search_string (resource_type, resource_id, param, value)',
      'resource_type text, resource_id text, param text, value text',
    ],
    [
      'dates',
      'search_date (resource_type, resource_id, param, start, "end")',
      'resource_type text, resource_id text, param text, start timestamptz, "end" timestamptz',
    ],
    [
      'references',
      'search_reference (resource_type, resource_id, param, target_type, target_id)',
      'resource_type text, resource_id text, param text, target_type text, target_id text',
    ],
    [
      'numbers',
      'search_number (resource_type, resource_id, param, value, system, code)',
      'resource_type text, resource_id text, param text, value numeric, system text, code text',
    ],
  ];
  for (const [kind, target, columns] of bulk) {
    if (index[kind].length === 0) continue;
    const names = target.slice(target.indexOf('(') + 1, -1);
    await tx.$executeRawUnsafe(
      `INSERT INTO ${target} SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`,
      JSON.stringify(index[kind]),
    );
  }
}
