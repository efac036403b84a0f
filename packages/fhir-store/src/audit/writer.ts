import { groupCalls, type SqlRunner } from '@openpas/db';
import { type AuditInput, recordAudits } from './record.ts';

/**
 * Audit rows of requests that change nothing (reads, searches, refusals), group-committed: the rows that
 * arrive while one INSERT is on its way go together in the next one. Each caller still waits until its
 * own row is committed before it answers, so nothing is answered unaudited; under load the database sees
 * one statement for many requests. Rows of a change go in the change's own transaction instead.
 */
export interface AuditWriter {
  record(input: AuditInput): Promise<void>;
}

export function createAuditWriter(sql: SqlRunner): AuditWriter {
  const record = groupCalls(async (inputs: readonly AuditInput[]) => {
    await recordAudits(sql, [...inputs]);
    return inputs.map(() => undefined);
  });
  return { record };
}
