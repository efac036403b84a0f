import type { FastSql, Prisma } from '@openpas/db';
import type { AccessContext } from './auth/access-context.ts';

export interface AuditInput {
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  subtype: string;
  /** 0 success, 4 minor failure (refused), 8 serious failure */
  outcome: 0 | 4 | 8;
  outcomeDesc?: string;
  access?: AccessContext;
  requestId?: string;
  sourceAddress?: string;
  resourceType?: string;
  resourceId?: string;
  /** The search query, never a token */
  query?: string;
  /** Structured facts of the event (workflow transitions, decisions), never patient details */
  detail?: Record<string, string | number | boolean | null>;
}

function auditRow(input: AuditInput) {
  return {
    action: input.action,
    subtype: input.subtype,
    outcome: input.outcome,
    outcomeDesc: input.outcomeDesc ?? null,
    requestId: input.requestId ?? null,
    clientId: input.access?.clientId ?? null,
    userId: input.access?.userId ?? null,
    organizationId: input.access?.clientOrganization?.id ?? input.access?.userOrganization?.id ?? null,
    sourceAddress: input.sourceAddress ?? null,
    resourceType: input.resourceType ?? null,
    resourceId: input.resourceId ?? null,
    query: input.query ?? null,
    ...(input.detail ? { detail: input.detail } : {}),
  };
}

/** Appends one audit event; pass the transaction of the change it records so both commit or neither. */
export async function recordAudit(db: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await db.auditEvent.create({ data: auditRow(input) });
}

/** Appends several audit events in one statement (same transaction rule as `recordAudit`). */
export async function recordAudits(db: Prisma.TransactionClient, inputs: AuditInput[]): Promise<void> {
  if (inputs.length) await db.auditEvent.createMany({ data: inputs.map(auditRow) });
}

/** `recordAudit` for the read path, over hand-written SQL (a read has no transaction to join). */
export async function recordAuditFast(sql: FastSql, input: AuditInput): Promise<void> {
  const row = auditRow(input);
  await sql.execute(
    `INSERT INTO audit_event (action, subtype, outcome, outcome_desc, request_id, client_id, user_id, organization_id,
       source_address, resource_type, resource_id, query, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13::jsonb, '{}'::jsonb))`,
    [
      row.action,
      row.subtype,
      row.outcome,
      row.outcomeDesc,
      row.requestId,
      row.clientId,
      row.userId,
      row.organizationId,
      row.sourceAddress,
      row.resourceType,
      row.resourceId,
      row.query,
      input.detail ? JSON.stringify(input.detail) : null,
    ],
  );
}
