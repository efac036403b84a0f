import { intColumn, sqlRunner } from '@openpas/db';
import { fromRow, type ResourceRow, type StoreDb, type StoredResource } from '../repository/resources.ts';
import { buildSearchSql, type Visibility } from './sql.ts';
import type { SearchRequest } from './types.ts';

interface Row extends ResourceRow {
  resource_type: string;
  id: string;
}

export interface SearchResult {
  matches: StoredResource[];
  included: StoredResource[];
  total?: number;
  hasNext: boolean;
}

/** Whether a stored resource lies inside the caller's compartment. */
export function isVisible(
  resource: { ownerOrganization: string | null; patientId: string | null },
  visibility: Visibility,
): boolean {
  if (visibility.owner !== undefined && resource.ownerOrganization !== visibility.owner) return false;
  if (visibility.patientId !== undefined && resource.patientId !== visibility.patientId) return false;
  return true;
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
  const rows = await sqlRunner(db).query<Row>(query.sql, query.params);
  const hasNext = rows.length > request.count;
  const matches = rows.slice(0, request.count).map(fromRow);
  let total: number | undefined;
  if (request.total === 'accurate') {
    const [count] = await sqlRunner(db).query<{ total: unknown }>(query.countSql, query.countParams);
    total = count ? intColumn(count.total) : 0;
  }
  const included = await includes(db, request, matches, visibility);
  return { matches, included, hasNext, ...(total !== undefined ? { total } : {}) };
}

async function includes(
  db: StoreDb,
  request: SearchRequest,
  matches: StoredResource[],
  visibility: Visibility,
): Promise<StoredResource[]> {
  if (request.include.length === 0 || matches.length === 0) return [];
  const run = sqlRunner(db);
  const seen = new Set(matches.map((match) => `${match.resource.resourceType}/${match.resource.id}`));
  const found: StoredResource[] = [];
  const keep = (row: Row) => {
    const key = `${row.resource_type}/${row.id}`;
    if (
      seen.has(key) ||
      row.deleted ||
      !isVisible({ ownerOrganization: row.owner_organization, patientId: row.patient_id }, visibility)
    )
      return;
    seen.add(key);
    found.push(fromRow(row));
  };
  for (const directive of request.include) {
    const sources = matches.filter(
      (match) =>
        match.resource.resourceType === (directive.reverse ? request.resourceType : directive.sourceType),
    );
    if (sources.length === 0) continue;
    const ids = sources.map((source) => String(source.resource.id));
    const rows = directive.reverse
      ? await run.query<Row>(
          `SELECT r.resource_type, r.id, r.content, r.version_id, r.last_updated, r.owner_organization, r.patient_id, r.deleted
           FROM search_reference x JOIN fhir_resource r ON r.resource_type = x.resource_type AND r.id = x.resource_id
           WHERE x.resource_type = $1 AND x.param = $2 AND x.target_type = $3 AND x.target_id = ANY($4::text[])`,
          [directive.sourceType, directive.param.code, request.resourceType, ids],
        )
      : await run.query<Row>(
          `SELECT r.resource_type, r.id, r.content, r.version_id, r.last_updated, r.owner_organization, r.patient_id, r.deleted
           FROM search_reference x JOIN fhir_resource r ON r.resource_type = x.target_type AND r.id = x.target_id
           WHERE x.resource_type = $1 AND x.param = $2 AND x.resource_id = ANY($3::text[])${directive.targetType ? ' AND x.target_type = $4' : ''}`,
          [
            directive.sourceType,
            directive.param.code,
            ids,
            ...(directive.targetType ? [directive.targetType] : []),
          ],
        );
    for (const row of rows) keep(row);
  }
  return found;
}
