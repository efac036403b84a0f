import { jsonColumn, type SqlRunner } from '@openpas/db';
import type { Claim } from '@openpas/fhir-model';

/**
 * The case of a hospital whose Claim carries `acceptanceNumber` as its official identifier: that Claim and
 * the id of the ClaimResponse that answers it (what an amendment or appeal continues).
 */
export async function findCaseByAcceptanceNumber(
  db: SqlRunner,
  acceptanceNumber: string,
  owner: string,
): Promise<{ claim: Claim; responseId: string } | undefined> {
  const rows = await db.query<{ claim: unknown; response_id: string }>(
    `SELECT c.content AS claim, r.resource_id AS response_id
     FROM search_token t
     JOIN fhir_resource c ON c.resource_type = 'Claim' AND c.id = t.resource_id AND c.owner_organization = $2::uuid AND NOT c.deleted
     JOIN search_reference r ON r.resource_type = 'ClaimResponse' AND r.param = 'request' AND r.target_type = 'Claim' AND r.target_id = c.id
     WHERE t.resource_type = 'Claim' AND t.param = 'identifier' AND t.code = $1`,
    [acceptanceNumber, owner],
  );
  for (const row of rows) {
    const claim = jsonColumn<Claim>(row.claim);
    if (
      claim.identifier?.some(
        (identifier) => identifier.use === 'official' && identifier.value === acceptanceNumber,
      )
    )
      return { claim, responseId: row.response_id };
  }
  return undefined;
}
