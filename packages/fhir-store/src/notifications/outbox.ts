import { jsonColumn, type SqlRunner } from '@openpas/db';

// The notification outbox (table notification_outbox): rows queued by `enqueueNotifications` in the
// transaction of the change they announce, claimed here by any instance's worker with FOR UPDATE SKIP
// LOCKED and a lease, so two instances never deliver one row at once and a crashed instance's rows come
// back when its lease ends.

export interface DueNotification {
  id: string;
  subscriptionId: string;
  endpoint: string;
  /** Extra headers the subscriber asked for, as `Name: value` lines */
  headers: string[];
  /** The resource to deliver, as JSON text */
  payload: string;
  attempts: number;
}

interface Row extends Record<string, unknown> {
  id: string;
  subscription_id: string;
  endpoint: string;
  headers: unknown;
  payload: unknown;
  attempts: unknown;
}

/** Claims up to `batch` due rows for `leaseSeconds`. */
export async function claimDueNotifications(
  db: SqlRunner,
  batch: number,
  leaseSeconds: number,
): Promise<DueNotification[]> {
  const rows = await db.query<Row>(
    `UPDATE notification_outbox SET locked_until = now() + make_interval(secs => $1::int)
     WHERE id IN (SELECT id FROM notification_outbox
                  WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                    AND (locked_until IS NULL OR locked_until < now())
                  ORDER BY id LIMIT $2::int FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id, subscription_id, endpoint, headers, payload, attempts`,
    [leaseSeconds, batch],
  );
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    endpoint: row.endpoint,
    headers: (jsonColumn<unknown[]>(row.headers) ?? []).map(String),
    payload: typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload),
    attempts: Number(row.attempts),
  }));
}

export async function markDelivered(db: SqlRunner, id: string, attempts: number): Promise<void> {
  await db.execute(
    `UPDATE notification_outbox SET delivered_at = now(), attempts = $2::int, locked_until = NULL
     WHERE id = $1::bigint`,
    [id, attempts],
  );
}

/** Records a failed attempt: retried after `retryInSeconds`, or given up for good when `failed`. */
export async function markAttemptFailed(
  db: SqlRunner,
  id: string,
  input: { attempts: number; error: string; retryInSeconds: number; failed: boolean },
): Promise<void> {
  await db.execute(
    `UPDATE notification_outbox SET attempts = $2::int, last_error = $3, locked_until = NULL,
       next_attempt_at = now() + make_interval(secs => $4::int),
       failed_at = CASE WHEN $5::boolean THEN now() ELSE failed_at END
     WHERE id = $1::bigint`,
    [id, input.attempts, input.error.slice(0, 500), input.retryInSeconds, input.failed],
  );
}
