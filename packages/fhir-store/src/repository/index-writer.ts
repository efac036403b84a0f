import type { FhirResource } from '@openpas/fhir-model';
import { extractIndexRows } from '../search/extract.ts';
import type { StoreDb } from './resources.ts';

// A resource's search index rows live beside it (search_*), written in the transaction of the resource.

const INDEX_TABLES = ['search_token', 'search_string', 'search_date', 'search_reference', 'search_number'];

/** Removes a resource's index rows (before its next version's rows are written), in one statement. */
export async function deleteIndexRows(db: StoreDb, resourceType: string, resourceId: string): Promise<void> {
  const [last, ...others] = [...INDEX_TABLES].reverse();
  const ctes = others.map(
    (table, i) => `d${i} AS (DELETE FROM ${table} WHERE resource_type = $1 AND resource_id = $2)`,
  );
  await db.execute(
    `WITH ${ctes.join(', ')} DELETE FROM ${last} WHERE resource_type = $1 AND resource_id = $2`,
    [resourceType, resourceId],
  );
}

/** The index rows of some resources, by table (the JSON shape the INSERTs below unpack). */
export type IndexRows = Record<
  'tokens' | 'strings' | 'dates' | 'references' | 'numbers',
  Record<string, unknown>[]
>;

/** Every index row of any number of resources. */
export function indexRowsOf(resources: readonly FhirResource[]): IndexRows {
  const index: IndexRows = { tokens: [], strings: [], dates: [], references: [], numbers: [] };
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
  return index;
}

// Each kind's table, its columns and their types as jsonb_to_recordset reads them. The database's
// fhir_new_rows_insert (migration 20261207190000_new_rows_function), which writes new resources' rows,
// inserts the same columns.
const BULK: readonly [keyof IndexRows, string, string][] = [
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

/** The kinds of index row, in the order of IndexRows' keys (and of the JSON text written of them). */
export const INDEX_KINDS: readonly (keyof IndexRows)[] = BULK.map(([kind]) => kind);

/**
 * The INSERTs of index rows: an INSERT … SELECT per table over a JSON array passed as a single parameter
 * (numbered from `$first`), which PostgreSQL unpacks far faster than an ORM batch. None for a table
 * without rows.
 */
export function indexRowInserts(index: IndexRows, first = 1): { inserts: string[]; params: string[] } {
  const inserts: string[] = [];
  const params: string[] = [];
  for (const [kind, target, columns] of BULK) {
    if (index[kind].length === 0) continue;
    params.push(JSON.stringify(index[kind]));
    const names = target.slice(target.indexOf('(') + 1, -1);
    inserts.push(
      `INSERT INTO ${target} SELECT ${names} FROM jsonb_to_recordset($${first - 1 + params.length}::jsonb) AS r(${columns})`,
    );
  }
  return { inserts, params };
}

/** Writes the index rows of any number of resources in one statement (data-modifying CTEs). */
export async function insertIndexRows(db: StoreDb, resources: readonly FhirResource[]): Promise<void> {
  const { inserts, params } = indexRowInserts(indexRowsOf(resources));
  const last = inserts.pop();
  if (last === undefined) return;
  const ctes = inserts.map((insert, n) => `i${n} AS (${insert})`);
  await db.execute(ctes.length > 0 ? `WITH ${ctes.join(', ')} ${last}` : last, params);
}
