import type { SqlRunner } from '@openpas/db';
import { type AuditInput, recordAudits } from './audit.ts';

/**
 * Audit rows of requests that change nothing (reads, searches, refusals), written by group commit: the
 * rows that arrive while one INSERT is on its way go together in the next one. Each caller still waits
 * until its own row is committed before it answers, so nothing is answered unaudited and nothing waits
 * in memory once its request is gone; under load the database sees one statement for many requests.
 * Rows of a change are written in the change's own transaction instead (recordAudit(tx, …)).
 */
export interface AuditWriter {
  record(input: AuditInput): Promise<void>;
}

interface Pending {
  input: AuditInput;
  done: () => void;
  failed: (error: unknown) => void;
}

export function createAuditWriter(sql: SqlRunner, maxRows = 500): AuditWriter {
  let queue: Pending[] = [];
  let writing = false;

  async function write(): Promise<void> {
    writing = true;
    const batch = queue.slice(0, maxRows);
    queue = queue.slice(batch.length);
    try {
      await recordAudits(
        sql,
        batch.map((pending) => pending.input),
      );
      for (const pending of batch) pending.done();
    } catch (error) {
      for (const pending of batch) pending.failed(error);
    } finally {
      writing = false;
      if (queue.length > 0) void write();
    }
  }

  return {
    record(input) {
      return new Promise<void>((done, failed) => {
        queue.push({ input, done, failed });
        if (!writing) void write();
      });
    },
  };
}
