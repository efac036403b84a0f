import type { ReviewStatus, SqlRunner } from '@openpas/db';

// The one operation that decides whether an OAuth client may get tokens. The admin console's decisions on
// apps and any other caller (tests, scripts) go through it. Approval activates the client; rejection,
// suspension and retirement block it and delete, in the caller's transaction, every token, code, grant
// and session payload the client holds, so the FHIR API refuses its live tokens on the next request.

export type ClientDecision = 'approve' | 'reject' | 'suspend' | 'retire';

const STATUS: Record<ClientDecision, ReviewStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  retire: 'retired',
};

export interface ClientDecisionInput {
  clientId: string;
  decision: ClientDecision;
  /** Required for anything but approval: the developer is told why */
  reason?: string | null;
  /** The admin deciding (user id), recorded in the audit trail */
  actorUserId?: string | null;
}

export interface ClientDecisionResult {
  status: ReviewStatus;
  /** Tokens, codes and grants removed because the client was blocked */
  revoked: number;
}

export class UnknownClientError extends Error {
  constructor(clientId: string) {
    super(`unknown client ${clientId}`);
    this.name = 'UnknownClientError';
  }
}

/** Decides on a client. Run it inside the caller's transaction when other rows change with it. */
export async function decideClient(
  sql: SqlRunner,
  input: ClientDecisionInput,
): Promise<ClientDecisionResult> {
  const status = STATUS[input.decision];
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approve' && !reason) {
    throw new Error(`a reason is required to ${input.decision} a client`);
  }
  const changed = await sql.execute(
    `UPDATE oauth_client SET review_status = $2::review_status, status_reason = $3, updated_at = now()
     WHERE client_id = $1`,
    [input.clientId, status, input.decision === 'approve' ? null : reason],
  );
  if (changed === 0) throw new UnknownClientError(input.clientId);
  const revoked =
    status === 'approved'
      ? 0
      : await sql.execute(`DELETE FROM oidc_payload WHERE payload->>'clientId' = $1`, [input.clientId]);
  await sql.execute(
    `INSERT INTO audit_event (action, subtype, outcome, user_id, client_id, detail)
     VALUES ('U', $1, 0, $2, $3, $4::jsonb)`,
    [
      `client-${input.decision}`,
      input.actorUserId ?? null,
      input.clientId,
      JSON.stringify({ status, reason, revoked }),
    ],
  );
  return { status, revoked };
}
