import type { SqlRunner } from '@openpas/db';

// The FHIR calls a client made in a time window, as the audit trail has them (certification reads them to
// tell whether a sandbox app stayed within its granted scopes).

export interface ClientCall {
  at: Date;
  subtype: string;
  outcome: number;
  outcomeDesc: string | null;
  resourceType: string | null;
}

export async function callsOfClient(
  db: SqlRunner,
  clientId: string,
  since: Date,
  until: Date,
): Promise<ClientCall[]> {
  const rows = await db.query<{
    recorded: unknown;
    subtype: string;
    outcome: unknown;
    outcome_desc: string | null;
    resource_type: string | null;
  }>(
    `SELECT recorded, subtype, outcome, outcome_desc, resource_type FROM audit_event
     WHERE client_id = $1 AND recorded >= $2::timestamptz AND recorded <= $3::timestamptz ORDER BY id`,
    [clientId, since.toISOString(), until.toISOString()],
  );
  return rows.map((row) => ({
    at: new Date(String(row.recorded)),
    subtype: row.subtype,
    outcome: Number(row.outcome),
    outcomeDesc: row.outcome_desc,
    resourceType: row.resource_type,
  }));
}
