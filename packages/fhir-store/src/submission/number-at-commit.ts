import type { SqlRunner } from '@openpas/db';
import { type AuditInput, auditColumns } from '../audit/record.ts';
import { utf8Of } from '../repository/json-chunks.ts';

// A submission stores its case before its acceptance number exists: the rows it writes carry a placeholder (an
// unguessable mark) where the number's digits go. The number is drawn at the transaction's COMMIT, by the
// database (the deferred trigger of migration 20261205220000_acceptance_number_at_commit, redefined by
// 20261206042541_bundle_written_at_commit and 20261207190000_new_rows_function): it takes the counter's next
// value, writes the new resources held for it (once, with the digits in place), sets each value named here in
// the rows written earlier (just those values, not the whole document), fills their index entries and outbox
// rows and appends the submission's audit events (the trail is append-only, so they are written once,
// complete). The counter row is then locked only for the commit itself, never across a round trip to the
// application, which is what one hospital's concurrent submissions queue on. Nothing else holds the mark, so
// nothing is left with it.

/** What the database needs to number one submission at its commit. */
export interface NumberAtCommit {
  /** The counter the number is drawn from (one per hospital and day). */
  readonly counter: string;
  /** Contained in every placeholder. */
  readonly mark: string;
  /** Each placeholder and the width its digits are zero-padded to. */
  readonly placeholders: readonly { readonly placeholder: string; readonly width: number }[];
  /** Beyond this the commit is refused (the day's numbers are used up). */
  readonly maxSequence: number;
  /**
   * Resources whose current version (written in this transaction) holds the mark, and each value that
   * holds it: its path in the resource (keys and array indices) and its text.
   */
  readonly resources: readonly {
    readonly resourceType: string;
    readonly id: string;
    readonly values: readonly { readonly path: readonly string[]; readonly text: string }[];
  }[];
  /**
   * New resources that hold the mark, written by the database at the commit with the digits in place: once,
   * complete, instead of written now and set then (a submitted Bundle is the case's largest document). Only
   * resources that nothing in the transaction reads back (a search, a subscription's criteria). Their rows'
   * JSON text in pieces (newRowsChunks), holding at least one resource.
   */
  readonly created?: readonly string[];
  /** notification_outbox ids (or named later: fillNotificationsAtCommit) */
  readonly notifications?: readonly string[];
  /** Appended at the commit, their detail with the digits in place. */
  readonly audits: readonly AuditInput[];
}

/** The SQLSTATE the trigger refuses with when the counter passed `maxSequence`. */
const NUMBERS_USED_UP = 'PA001';

/**
 * The INSERT that asks the database to draw the number at the transaction's commit, its parameters numbered
 * from `$first` (so that it can ride in the statement of another write, as a CTE). Once per transaction.
 */
export function numberAtCommitInsert(input: NumberAtCommit, first = 1): { sql: string; params: unknown[] } {
  if (input.placeholders.some(({ placeholder }) => !placeholder.includes(input.mark)))
    throw new Error('every placeholder contains the mark');
  if (input.resources.some(({ values }) => values.some(({ text }) => !text.includes(input.mark))))
    throw new Error('every value named holds the mark');
  const $ = (n: number) => `$${first - 1 + n}`;
  const created = input.created ?? [];
  return {
    sql: `INSERT INTO pending_acceptance (mark, counter, placeholders, widths, max_sequence, "values",
       notification_ids, audits, created)
     VALUES (${$(1)}, ${$(2)}, ${$(3)}::text[], ${$(4)}::int[], ${$(5)}::int, ${$(6)}::jsonb, ${$(7)}::bigint[],
       ${$(8)}::jsonb, ${$(9)}::text)`,
    params: [
      input.mark,
      input.counter,
      input.placeholders.map(({ placeholder }) => placeholder),
      input.placeholders.map(({ width }) => String(width)),
      input.maxSequence,
      JSON.stringify(
        input.resources.map(({ resourceType, id, values }) => ({
          type: resourceType,
          id,
          values: values.map(({ path, text }) => ({ path, text })),
        })),
      ),
      [...(input.notifications ?? [])],
      JSON.stringify(input.audits.map(auditColumns)),
      // Text, not jsonb: the database parses it once, at the commit, with the digits in place. Its UTF-8 bytes,
      // not one long string (json-chunks.ts).
      created.length > 0 ? utf8Of(created) : null,
    ],
  };
}

/** Names the outbox rows (queued after the number was asked for) whose payload holds the placeholders. */
export async function fillNotificationsAtCommit(
  tx: SqlRunner,
  mark: string,
  notifications: readonly string[],
): Promise<void> {
  if (notifications.length === 0) return;
  await tx.execute(
    `UPDATE pending_acceptance SET notification_ids = notification_ids || $2::bigint[] WHERE mark = $1`,
    [mark, [...notifications]],
  );
}

/** After the commit: the sequence the database drew for `mark` (its pending row is removed). */
export async function drawnSequence(db: SqlRunner, mark: string): Promise<number> {
  const [row] = await db.query<{ sequence: unknown }>(
    'DELETE FROM pending_acceptance WHERE mark = $1 RETURNING sequence',
    [mark],
  );
  if (row?.sequence == null) throw new Error('the committed submission has no drawn number');
  return Number(row.sequence);
}

/**
 * Removes the drawn numbers nobody read: a process that stopped between its submission's commit and the
 * read leaves its row behind (the case itself is committed and complete). A row is visible only once its
 * transaction committed, so every row found has its number; `olderThanSeconds` spares the submissions still
 * answering. Returns how many were removed.
 */
export async function sweepUnreadNumbers(db: SqlRunner, olderThanSeconds = 600): Promise<number> {
  return db.execute(
    `DELETE FROM pending_acceptance
     WHERE sequence IS NOT NULL AND created_at < now() - make_interval(secs => $1::int)`,
    [olderThanSeconds],
  );
}

interface Inspectable {
  code?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** When `error` is the commit refused because the day's numbers are used up: the database's reason. */
export function numbersUsedUp(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as Inspectable;
  if (e.code === NUMBERS_USED_UP || e.originalCode === NUMBERS_USED_UP) {
    const message = typeof e.originalMessage === 'string' ? e.originalMessage : e.message;
    return typeof message === 'string' ? message : 'the numbers are used up';
  }
  return numbersUsedUp(e.cause, depth + 1);
}
