import { claimCertification, finishCertification, reportProgress } from '@openpas/app-registry';
import type { SqlRunner } from '@openpas/db';
import { type CertificationSettings, certify } from './run-certification.ts';

// Runs a queued certification in this process, in the background: claims it (one instance wins), beats
// its heartbeat with each step and every few seconds while a step runs, and writes the report. A process
// that dies leaves a heartbeat that stops; app-registry's failAbandonedRuns then fails the run.

/** An error's message without query strings or fragments (a browser error can quote a URL with a code). */
export function loggable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')[0]
      ?.replace(/[?#][^\s'"]*/g, '?…')
      .slice(0, 300) ?? ''
  );
}

export interface BackgroundLogger {
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
}

export async function runQueuedCertification(
  sql: SqlRunner,
  runId: string,
  settings: CertificationSettings,
  logger: BackgroundLogger,
): Promise<void> {
  const subject = await claimCertification(sql, runId);
  if (!subject) return;
  let step = 'started';
  let done: Parameters<typeof reportProgress>[3] = [];
  const beat = setInterval(() => {
    reportProgress(sql, runId, step, done).catch(() => undefined);
  }, 10_000);
  beat.unref();
  try {
    const checks = await certify(sql, subject, settings, async (next, so) => {
      step = next;
      done = [...so];
      await reportProgress(sql, runId, step, done);
    });
    await finishCertification(sql, runId, checks);
    logger.info({ runId, appId: subject.appId, version: subject.version }, 'certification finished');
  } catch (error) {
    logger.warn(
      { runId, err: error instanceof Error ? error.message : String(error) },
      'certification failed',
    );
    await finishCertification(sql, runId, [
      ...done,
      {
        id: 'runner',
        passed: false,
        evidence: { code: 'runnerError', values: { step } },
      },
    ]);
  } finally {
    clearInterval(beat);
  }
}

/** Starts the run and returns at once; errors are logged. */
export function startCertificationInBackground(
  sql: SqlRunner,
  runId: string,
  settings: CertificationSettings,
  logger: BackgroundLogger,
): void {
  runQueuedCertification(sql, runId, settings, logger).catch((error: unknown) =>
    logger.warn(
      { runId, err: error instanceof Error ? error.message : String(error) },
      'certification failed',
    ),
  );
}
