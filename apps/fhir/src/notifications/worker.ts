import type { SqlRunner } from '@openpas/db';
import {
  claimDueNotifications,
  type DueNotification,
  markAttemptFailed,
  markDelivered,
} from '@openpas/fhir-store';
import type { Logger } from '../logger.ts';

// Delivers queued Subscription notifications. Every instance runs one; the outbox (fhir-store) hands out
// rows under a lease, so two instances never deliver the same row at the same time and a crashed
// instance's rows are picked up when the lease ends. Failures are retried with exponential backoff; after
// MAX_ATTEMPTS the row is marked failed.

const MAX_ATTEMPTS = 8;
const BATCH = 20;
const LEASE_SECONDS = 30;

export interface NotificationWorker {
  /** Delivers what is due now (also called by the timer) */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** attempts);
}

function headersOf(row: DueNotification): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/fhir+json',
    'x-openpas-subscription': row.subscriptionId,
  };
  for (const line of row.headers) {
    const [name, ...value] = line.split(':');
    if (name && value.length) headers[name.trim().toLowerCase()] = value.join(':').trim();
  }
  return headers;
}

export function startNotificationWorker(
  sql: SqlRunner,
  logger: Logger,
  intervalMs = 1_000,
): NotificationWorker {
  let running: Promise<number> | undefined;

  async function deliver(row: DueNotification): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      const response = await fetch(row.endpoint, {
        method: 'POST',
        headers: headersOf(row),
        body: row.payload,
        signal: AbortSignal.timeout(5_000),
        redirect: 'manual',
      });
      if (response.status < 200 || response.status >= 300)
        throw new Error(`endpoint answered ${response.status}`);
      await markDelivered(sql, row.id, attempts);
    } catch (error) {
      const failed = attempts >= MAX_ATTEMPTS;
      await markAttemptFailed(sql, row.id, {
        attempts,
        error: (error as Error).message,
        retryInSeconds: backoffSeconds(attempts),
        failed,
      });
      logger.warn({ subscription: row.subscriptionId, attempts, failed }, 'notification delivery failed');
    }
  }

  async function run(): Promise<number> {
    const rows = await claimDueNotifications(sql, BATCH, LEASE_SECONDS);
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  function tick(): Promise<number> {
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
