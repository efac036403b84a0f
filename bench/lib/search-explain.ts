// EXPLAIN (ANALYZE, BUFFERS) of a FHIR search as hospital A's client runs it: the SQL rebuilt with the
// store's own parser and builder, planned by PostgreSQL on the given database.
import { buildSearchSql, parseSearch, searchParameter } from '@openpas/fhir-store';

/** fhir-search: hospital A's cases of one patient (10 of them in the fixture) with their Claims. */
export const SEARCH =
  'ClaimResponse?request.patient.identifier=http://www.moi.gov.tw|Z100000042&_include=ClaimResponse:request';

/** The plan's text, one line per node, for `search` ("ClaimResponse?…") over `databaseUrl`. */
export async function explainSearch(databaseUrl: string, search: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM organization WHERE nhi_code = '0101090517'",
    );
    const [type = '', query = ''] = search.split('?');
    const request = parseSearch(type, new URLSearchParams(query), searchParameter, { lenient: false });
    const sql = buildSearchSql(request, { ownerOrganization: rows[0]?.id ?? '' }, 0);
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.sql}`, sql.params);
    return plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
