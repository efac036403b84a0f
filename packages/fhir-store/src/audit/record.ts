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

/** One audit event as the columns of its audit_event row (detail as an object). */
export function auditColumns(input: AuditInput) {
  return {
    action: input.action,
    subtype: input.subtype,
    outcome: input.outcome,
    outcome_desc: input.outcomeDesc ?? null,
    request_id: input.requestId ?? null,
    client_id: input.caller?.clientId ?? null,
    user_id: input.caller?.userId ?? null,
    organization_id: (input.caller && actingOrganization(input.caller)?.id) ?? null,
    source_address: input.sourceAddress ?? null,
    resource_type: input.resourceType ?? null,
    resource_id: input.resourceId ?? null,
    query: input.query ?? null,
    detail: input.detail ?? null,
  };
}

const COLUMNS = 13;

/** The INSERT of `inputs`, its parameters numbered from `$first` (to sit inside a larger statement). */
export function auditInsert(inputs: readonly AuditInput[], first = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = inputs.map((input, n) => {
    const row = auditColumns(input);
    params.push(
      row.action,
      row.subtype,
      row.outcome,
      row.outcome_desc,
      row.request_id,
      row.client_id,
      row.user_id,
      row.organization_id,
      row.source_address,
      row.resource_type,
      row.resource_id,
      row.query,
      row.detail ? JSON.stringify(row.detail) : null,
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
