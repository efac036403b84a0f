import { intColumn } from '@openpas/db';
import { isVisible } from '@openpas/scopes';
import { fromRow, type ResourceRow, type StoreDb, type StoredResource } from '../repository/resources.ts';
import { buildSearchSql, type Visibility } from './sql.ts';
import type { SearchRequest } from './types.ts';

interface Row extends ResourceRow {
  part: 'match' | 'include';
  ord: unknown;
  source_id: string | null;
}

export interface SearchResult {
  matches: StoredResource[];
  included: StoredResource[];
  total?: number;
  hasNext: boolean;
}

/**
 * Runs a search inside the caller's compartment. Included resources (`_include`, `_revinclude`) are
 * fetched by their index rows and pass the same compartment check, so nothing outside it ever leaks.
 */
export async function executeSearch(
  db: StoreDb,
  request: SearchRequest,
  visibility: Visibility,
  offset: number,
): Promise<SearchResult> {
  const query = buildSearchSql(request, visibility, offset);
  let total: number | undefined;
  if (request.total === 'accurate') {
    const [count] = await db.query<{ total: unknown }>(query.countSql, query.countParams);
    total = count ? intColumn(count.total) : 0;
  }
  // `_count=0` (and `_summary=count`) ask for the total alone: no page to read, and no next one.
  if (request.count === 0) return { matches: [], included: [], hasNext: false, ...totalOf(total) };
  const rows = await db.query<Row>(query.sql, query.params);
  const page = rows.filter((row) => row.part === 'match').sort((a, b) => intColumn(a.ord) - intColumn(b.ord));
  const hasNext = page.length > request.count;
  const matches = page.slice(0, request.count).map(fromRow);
  const included = includedOf(rows, matches, visibility);
  return { matches, included, hasNext, ...totalOf(total) };
}

const totalOf = (total: number | undefined) => (total === undefined ? {} : { total });

/** The included rows that belong to this page's matches, once each, inside the caller's compartment. */
function includedOf(rows: Row[], matches: StoredResource[], visibility: Visibility): StoredResource[] {
  const sources = new Set(matches.map((match) => match.id));
  const seen = new Set(matches.map((match) => `${match.resourceType}/${match.id}`));
  const found: StoredResource[] = [];
  for (const row of rows) {
    if (row.part !== 'include' || row.source_id === null || !sources.has(row.source_id)) continue;
    const key = `${row.resource_type}/${row.id}`;
    if (seen.has(key) || row.deleted) continue;
    if (!isVisible(visibility, { ownerOrganization: row.owner_organization, patientId: row.patient_id }))
      continue;
    seen.add(key);
    found.push(fromRow(row));
  }
  return found;
}
