import type { SqlRunner } from '@openpas/db';
import { actingOrganization, type Caller } from '../access/caller.ts';

export interface AuditInput {
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  subtype: string;
  /** 0 success, 4 minor failure (refused), 8 serious failure */
  outcome: 0 | 4 | 8;
  outcomeDesc?: string;
  caller?: Caller;
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
    clientId: input.caller?.clientId ?? null,
    userId: input.caller?.userId ?? null,
    organizationId: (input.caller && actingOrganization(input.caller)?.id) ?? null,
    sourceAddress: input.sourceAddress ?? null,
    resourceType: input.resourceType ?? null,
    resourceId: input.resourceId ?? null,
    query: input.query ?? null,
    ...(input.detail ? { detail: input.detail } : {}),
  };
}

const COLUMNS = 13;

/** The INSERT of `inputs`, its parameters numbered from `$first` (to sit inside a larger statement). */
export function auditInsert(inputs: readonly AuditInput[], first = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = inputs.map((input, n) => {
    const row = auditRow(input);
    params.push(
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
    );
    const at = (column: number) => `$${first - 1 + n * COLUMNS + column}`;
    const values = Array.from({ length: COLUMNS - 1 }, (_, i) => at(i + 1));
    return `(${values.join(', ')}, COALESCE(${at(COLUMNS)}::jsonb, '{}'::jsonb))`;
  });
  return {
    sql: `INSERT INTO audit_event (action, subtype, outcome, outcome_desc, request_id, client_id, user_id, organization_id,
       source_address, resource_type, resource_id, query, detail)
     VALUES ${rows.join(', ')}`,
    params,
  };
}

/**
 * Appends audit events in one statement. Pass the transaction of the change they record so that both
 * commit or neither; a read, which changes nothing, passes the FastSql.
 */
export async function recordAudits(db: SqlRunner, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { sql, params } = auditInsert(inputs);
  await db.execute(sql, params);
}

/** Appends one audit event (same transaction rule as `recordAudits`). */
export function recordAudit(db: SqlRunner, input: AuditInput): Promise<void> {
  return recordAudits(db, [input]);
}
