import type { FastSql, SqlRunner } from '@openpas/db';
import { jsonColumn } from '@openpas/db';
import type { AppDetails } from './app-input.ts';
import { loadApp, versionsOf } from './app-reads.ts';
import type { Developer } from './developer-apps.ts';
import { conflict, notFound } from './registry-error.ts';
import type { CertificationCheckView, CertificationRunView } from './views.ts';

// Certification runs, kept with the app version they certified: queued by the developer, claimed and run
// by any portal instance, their progress and heartbeat in the row (nothing another instance would need is
// kept in memory), finished passed or failed with one line per check. A run whose heartbeat stopped (its
// process died) is failed by whoever looks next.

/** A running run whose heartbeat is older than this belongs to a process that is gone. */
export const STALE_RUN_SECONDS = 120;

const iso = (value: unknown): string | null => (value ? new Date(String(value)).toISOString() : null);

interface RunRow extends Record<string, unknown> {
  id: string;
  app_id: string;
  version: number;
  status: CertificationRunView['status'];
  checks: unknown;
  progress: string | null;
  started_by_id: string | null;
  started_by_name: string | null;
  created_at: unknown;
  started_at: unknown;
  finished_at: unknown;
}

const RUN_SELECT = `SELECT r.id::text AS id, r.app_id::text AS app_id, r.version, r.status::text AS status, r.checks,
    r.progress, r.started_by_id::text AS started_by_id, u.display_name AS started_by_name, r.created_at,
    r.started_at, r.finished_at
  FROM certification_run r LEFT JOIN app_user u ON u.id = r.started_by_id`;

function viewOf(row: RunRow): CertificationRunView {
  return {
    id: row.id,
    appId: row.app_id,
    version: Number(row.version),
    status: row.status,
    checks: jsonColumn<CertificationCheckView[]>(row.checks),
    progress: row.progress,
    startedBy: row.started_by_id ? { id: row.started_by_id, displayName: row.started_by_name ?? '' } : null,
    createdAt: iso(row.created_at) ?? '',
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** Fails the runs whose process stopped beating (or never claimed them). */
export async function failAbandonedRuns(sql: SqlRunner, staleSeconds = STALE_RUN_SECONDS): Promise<number> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE certification_run SET status = 'failed', finished_at = now(), progress = 'abandoned'
     WHERE (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::int))
        OR (status = 'queued' AND created_at < now() - make_interval(secs => $1::int))
     RETURNING id::text AS id`,
    [staleSeconds],
  );
  return rows.length;
}

/** The runs of an app, newest first (abandoned ones marked failed first). */
export async function certificationRunsOf(sql: SqlRunner, appId: string): Promise<CertificationRunView[]> {
  await failAbandonedRuns(sql);
  const rows = await sql.query<RunRow>(
    `${RUN_SELECT} WHERE r.app_id = $1::uuid ORDER BY r.created_at DESC, r.id LIMIT 20`,
    [appId],
  );
  return rows.map(viewOf);
}

/** A developer's view of their app's runs; NOT_FOUND for anyone else's app. */
export async function developerCertifications(
  sql: SqlRunner,
  developer: Developer,
  appId: string,
): Promise<CertificationRunView[]> {
  await loadApp(sql, appId, { developerId: developer.userId });
  return certificationRunsOf(sql, appId);
}

/** The newest run of one version, or null. */
export async function latestCertification(
  sql: SqlRunner,
  appId: string,
  version: number,
): Promise<CertificationRunView | null> {
  const rows = await sql.query<RunRow>(
    `${RUN_SELECT} WHERE r.app_id = $1::uuid AND r.version = $2::int ORDER BY r.created_at DESC, r.id LIMIT 1`,
    [appId, version],
  );
  return rows[0] ? viewOf(rows[0]) : null;
}

export async function certificationRun(sql: SqlRunner, runId: string): Promise<CertificationRunView> {
  const rows = await sql.query<RunRow>(`${RUN_SELECT} WHERE r.id = $1::uuid`, [runId]);
  if (!rows[0]) throw notFound('certification run');
  return viewOf(rows[0]);
}

/** The developer asks for a run of the app's newest version; one unfinished run per app at a time. */
export async function requestCertification(
  sql: FastSql,
  developer: Developer,
  appId: string,
): Promise<CertificationRunView> {
  await failAbandonedRuns(sql);
  const runId = await sql.transaction(async (tx) => {
    await loadApp(tx, appId, { developerId: developer.userId, lock: true });
    const [working] = await versionsOf(tx, appId);
    if (!working) throw notFound();
    const busy = await tx.query<{ id: string }>(
      `SELECT id::text AS id FROM certification_run WHERE app_id = $1::uuid AND status IN ('queued', 'running')`,
      [appId],
    );
    if (busy.length > 0) throw conflict('a certification of this app is already running');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO certification_run (id, app_id, version, status, started_by_id)
       VALUES (gen_random_uuid(), $1::uuid, $2::int, 'queued', $3::uuid) RETURNING id::text AS id`,
      [appId, working.version, developer.userId],
    );
    return row?.id as string;
  });
  return certificationRun(sql, runId);
}

/** What a run certifies: the version's registration and the app's sandbox client. */
export interface CertificationSubject {
  runId: string;
  appId: string;
  version: number;
  versionCreatedAt: Date;
  details: AppDetails;
  sandboxClientId: string;
}

/** Takes a queued run (exactly one caller wins); null when it was taken or is gone. */
export async function claimCertification(
  sql: SqlRunner,
  runId: string,
): Promise<CertificationSubject | null> {
  const [run] = await sql.query<{ app_id: string; version: number }>(
    `UPDATE certification_run SET status = 'running', started_at = now(), heartbeat_at = now()
     WHERE id = $1::uuid AND status = 'queued' RETURNING app_id::text AS app_id, version`,
    [runId],
  );
  if (!run) return null;
  const version = (await versionsOf(sql, run.app_id)).find((v) => v.version === Number(run.version));
  const [client] = await sql.query<{ client_id: string }>(
    `SELECT client_id FROM oauth_client WHERE app_id = $1::uuid AND environment = 'sandbox' LIMIT 1`,
    [run.app_id],
  );
  if (!version || !client) {
    await finishCertification(sql, runId, [
      { id: 'sandbox-client', passed: false, evidence: { code: 'noSandboxClient', values: {} } },
    ]);
    return null;
  }
  return {
    runId,
    appId: run.app_id,
    version: version.version,
    versionCreatedAt: new Date(version.createdAt),
    details: version.details,
    sandboxClientId: client.client_id,
  };
}

/** The run is alive: what it does now and the checks done so far. */
export async function reportProgress(
  sql: SqlRunner,
  runId: string,
  progress: string,
  checks: readonly CertificationCheckView[],
): Promise<void> {
  await sql.execute(
    `UPDATE certification_run SET progress = $2, checks = $3::jsonb, heartbeat_at = now()
     WHERE id = $1::uuid AND status = 'running'`,
    [runId, progress, JSON.stringify(checks)],
  );
}

/** Passed when every check passed. */
export async function finishCertification(
  sql: SqlRunner,
  runId: string,
  checks: readonly CertificationCheckView[],
): Promise<void> {
  const passed = checks.length > 0 && checks.every((check) => check.passed);
  await sql.execute(
    `UPDATE certification_run SET status = $2::certification_status, checks = $3::jsonb, progress = null,
       finished_at = now(), heartbeat_at = now()
     WHERE id = $1::uuid AND status IN ('queued', 'running')`,
    [runId, passed ? 'passed' : 'failed', JSON.stringify(checks)],
  );
}
