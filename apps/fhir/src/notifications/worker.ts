import type { PrismaClient } from '@openpas/db';
import type { Logger } from '../logger.ts';

// Delivers queued Subscription notifications. Every instance runs one; rows are claimed with
// FOR UPDATE SKIP LOCKED and a lease, so two instances never deliver the same row at the same time and a
// crashed instance's rows are picked up when the lease ends. Failures are retried with exponential
// backoff; after MAX_ATTEMPTS the row is marked failed.

const MAX_ATTEMPTS = 8;
const BATCH = 20;
const LEASE_SECONDS = 30;

interface Claimed {
  id: bigint;
  subscription_id: string;
  endpoint: string;
  headers: unknown;
  payload: unknown;
  attempts: number;
}

export interface NotificationWorker {
  /** Delivers what is due now (also called by the timer) */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** attempts);
}

export function startNotificationWorker(
  prisma: PrismaClient,
  logger: Logger,
  intervalMs = 1_000,
): NotificationWorker {
  let running: Promise<number> | undefined;

  async function deliver(row: Claimed): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/fhir+json',
      'x-openpas-subscription': row.subscription_id,
    };
    const extra = Array.isArray(row.headers)
      ? row.headers
      : typeof row.headers === 'string'
        ? (JSON.parse(row.headers) as unknown[])
        : [];
    for (const line of extra) {
      const [name, ...value] = String(line).split(':');
      if (name && value.length) headers[name.trim().toLowerCase()] = value.join(':').trim();
    }
    const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
    try {
      const response = await fetch(row.endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(5_000),
        redirect: 'manual',
      });
      if (response.status < 200 || response.status >= 300)
        throw new Error(`endpoint answered ${response.status}`);
      await prisma.notificationOutbox.update({
        where: { id: row.id },
        data: { deliveredAt: new Date(), attempts: row.attempts + 1, lockedUntil: null },
      });
    } catch (error) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await prisma.notificationOutbox.update({
        where: { id: row.id },
        data: {
          attempts,
          lastError: (error as Error).message.slice(0, 500),
          lockedUntil: null,
          nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000),
          ...(failed ? { failedAt: new Date() } : {}),
        },
      });
      logger.warn({ subscription: row.subscription_id, attempts, failed }, 'notification delivery failed');
    }
  }

  async function run(): Promise<number> {
    const rows = await prisma.$queryRawUnsafe<Claimed[]>(
      `UPDATE notification_outbox SET locked_until = now() + make_interval(secs => $1)
       WHERE id IN (SELECT id FROM notification_outbox
                    WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                      AND (locked_until IS NULL OR locked_until < now())
                    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, subscription_id, endpoint, headers, payload, attempts`,
      LEASE_SECONDS,
      BATCH,
    );
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  async function tick(): Promise<number> {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    tick().catch((error: unknown) => logger.warn({ err: error }, 'notification worker tick failed'));
  }, intervalMs);
  timer.unref();

  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
