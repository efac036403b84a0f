import type { SqlRunner } from '@openpas/db';
import { sweepUnreadNumbers } from '@openpas/fhir-store';
import type { Logger } from './logger.ts';

// Periodic clean-up that any number of instances may run at once (each sweep is one idempotent statement):
// the drawn acceptance numbers a stopped instance never read after its submission committed.

export interface Housekeeping {
  /** One sweep now (also run by the timer): how many rows were removed */
  sweep(): Promise<number>;
  stop(): void;
}

export function startHousekeeping(sql: SqlRunner, logger: Logger, intervalMs = 5 * 60_000): Housekeeping {
  const sweep = async () => {
    const removed = await sweepUnreadNumbers(sql);
    if (removed > 0) logger.info({ removed }, 'removed drawn acceptance numbers no submission read');
    return removed;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn({ err: error }, 'housekeeping sweep failed'));
  }, intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
