import type { SqlRunner } from '@openpas/db';
import { type Bundle, IDENTIFIER_SYSTEMS } from '@openpas/fhir-model';

interface PatientLike {
  resourceType: string;
  identifier?: { system?: string; value?: string }[];
}

/**
 * The submitting hospital's own Patient record for each Patient entry of a request Bundle, matched by
 * national ID (身分證統一編號): the Bundle's Patient is a copy of that record, so the case is stored about the
 * record itself — in the patient's compartment, where a patient app looks — rather than about a duplicate.
 * Only records the hospital owns count (tenancy stays strict) and only a single match: with none or several
 * the Patient is stored as a new record, as before. Returns the record's id by index in `bundle.entry`.
 *
 * Run it inside the submission's transaction. A national ID the hospital keeps no record of yet is looked up
 * again under a transaction lock on it, held until the commit, so that concurrent first submissions about one
 * patient store one record (the second finds the first's) instead of two, after which neither would ever
 * match again. A national ID with a record needs no lock: no submission stores another while one is found,
 * so submissions about a known patient do not wait on each other.
 */
export async function chartPatientsOf(
  db: SqlRunner,
  bundle: Bundle,
  owner: string,
): Promise<Map<number, string>> {
  const wanted = new Map<number, string>();
  (bundle.entry ?? []).forEach((entry, index) => {
    const resource = entry.resource as PatientLike | undefined;
    if (resource?.resourceType !== 'Patient') return;
    const ids = (resource.identifier ?? []).filter(
      (identifier) => identifier.system === IDENTIFIER_SYSTEMS.nationalId && identifier.value,
    );
    // A Patient naming two national IDs is ambiguous: stored anew.
    if (ids.length === 1 && ids[0]?.value) wanted.set(index, ids[0].value);
  });
  if (wanted.size === 0) return new Map();
  const nationalIds = [...new Set(wanted.values())];
  let rows = await recordsOf(db, nationalIds, owner);
  const unknown = nationalIds.filter((nationalId) => !rows.some((row) => row.code === nationalId));
  if (unknown.length > 0) {
    // In one order, so that two submissions naming the same new patients never each hold a lock the other waits for.
    for (const nationalId of unknown.sort())
      await db.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `chart:${owner}:${nationalId}`,
      ]);
    rows = [...rows, ...(await recordsOf(db, unknown, owner))];
  }
  // The one record of each national ID that has exactly one.
  const single = new Map(rows.filter((row) => !row.more).map((row) => [row.code, row.id]));
  const found = new Map<number, string>();
  for (const [index, nationalId] of wanted) {
    const id = single.get(nationalId);
    if (id) found.set(index, id);
  }
  return found;
}

/**
 * For each national ID with at least one record of the hospital: one record, and whether there is another
 * (all it takes, so the cost stays bounded when a national ID has piled up records).
 */
function recordsOf(db: SqlRunner, nationalIds: string[], owner: string) {
  const matches = `FROM search_token t
       JOIN fhir_resource r ON r.resource_type = 'Patient' AND r.id = t.resource_id
         AND r.owner_organization = $3::uuid AND NOT r.deleted
       WHERE t.resource_type = 'Patient' AND t.param = 'identifier' AND t.system = $1 AND t.code = w.code`;
  return db.query<{ code: string; id: string; more: boolean }>(
    `SELECT w.code, one.id, EXISTS (SELECT 1 ${matches} AND r.id <> one.id) AS more
     FROM unnest($2::text[]) AS w(code)
     CROSS JOIN LATERAL (SELECT r.id ${matches} LIMIT 1) one`,
    [IDENTIFIER_SYSTEMS.nationalId, nationalIds, owner],
  );
}
