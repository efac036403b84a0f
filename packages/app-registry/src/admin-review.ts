import { decideClient, updateClientRegistration } from '@openpas/auth-store';
import type { FastSql, SqlRunner } from '@openpas/db';
import { clientViewsOf, decisionsOf, loadApp, recordDecision, summaryOf, versionsOf } from './app-reads.ts';
import { latestCertification } from './certification-runs.ts';
import { clientMetadataOf } from './client-metadata.ts';
import { conflict, notFound, RegistryError } from './registry-error.ts';
import { versionChanges } from './version-diff.ts';
import type { AppVersionView, QueueItemView, ReviewView } from './views.ts';
import type { AppStatus } from './vocabulary.ts';

// The admin's side: the queue of submissions, each with what changed since the approved version, and the
// decisions — take into review, approve, reject, suspend, retire — each recorded with who, when and why.
// Every decision on the app's clients goes through auth-store's decideClient, the one operation that lets
// a client get tokens or stops it (and its live tokens) at once, in the same transaction as the app's rows.

export interface Admin {
  userId: string;
}

const WAITING: readonly AppStatus[] = ['pending', 'in_review'];

/** Submissions waiting for a decision, oldest first; or every app whose newest version has `status`. */
export async function reviewQueue(sql: SqlRunner, status?: AppStatus): Promise<QueueItemView[]> {
  const rows = await sql.query<{
    app_id: string;
    slug: string;
    name: string;
    status: AppStatus;
    version: number;
    developer_id: string;
    developer_name: string;
    organization_name: string | null;
    submitted_at: unknown;
    live_version: number | null;
  }>(
    `SELECT a.id::text AS app_id, a.slug, v.name, v.status::text AS status, v.version,
            u.id::text AS developer_id, u.display_name AS developer_name, o.name AS organization_name,
            v.submitted_at, a.live_version
     FROM app a
     JOIN LATERAL (SELECT * FROM app_version x WHERE x.app_id = a.id ORDER BY x.version DESC LIMIT 1) v ON true
     JOIN app_user u ON u.id = a.developer_id
     LEFT JOIN organization o ON o.id = a.organization_id
     WHERE v.status::text = ANY($1::text[])
     ORDER BY v.submitted_at NULLS LAST, a.created_at`,
    [status ? [status] : WAITING],
  );
  return rows.map((row) => ({
    appId: row.app_id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    version: Number(row.version),
    developer: {
      id: row.developer_id,
      displayName: row.developer_name,
      organizationName: row.organization_name,
    },
    submittedAt: row.submitted_at ? new Date(String(row.submitted_at)).toISOString() : null,
    isUpdate: row.live_version !== null && Number(row.live_version) !== Number(row.version),
  }));
}

/** The admin's view of an app: its newest version as the candidate, the live one, the diff, the history. */
export async function reviewOf(sql: SqlRunner, appId: string): Promise<ReviewView> {
  const app = await loadApp(sql, appId);
  const versions = await versionsOf(sql, appId);
  const candidate = versions[0];
  if (!candidate) throw notFound();
  const live =
    versions.find((version) => version.version === app.live_version && version !== candidate) ?? null;
  const [developer] = await sql.query<{ display_name: string; organization_name: string | null }>(
    `SELECT u.display_name, o.name AS organization_name FROM app_user u
     LEFT JOIN organization o ON o.id = $2::uuid WHERE u.id = $1::uuid`,
    [app.developer_id, app.organization_id],
  );
  return {
    app: {
      ...summaryOf(app),
      developer: {
        id: app.developer_id,
        displayName: developer?.display_name ?? '',
        organizationName: developer?.organization_name ?? null,
      },
    },
    candidate,
    live,
    changes: versionChanges(live?.details ?? null, candidate.details),
    decisions: await decisionsOf(sql, appId),
    clients: await clientViewsOf(sql, appId),
    certification: await latestCertification(sql, appId, candidate.version),
  };
}

async function setVersionStatus(
  sql: SqlRunner,
  appId: string,
  version: number,
  status: AppStatus,
  admin: Admin,
  note: string | null,
) {
  await sql.execute(
    `UPDATE app_version SET status = $3::review_status, reviewer_id = $4::uuid, review_note = $5,
       reviewed_at = now() WHERE app_id = $1::uuid AND version = $2::int`,
    [appId, version, status, admin.userId, note],
  );
}

async function appClientIds(sql: SqlRunner, appId: string, environment?: 'sandbox' | 'production') {
  const rows = await sql.query<{ client_id: string }>(
    `SELECT client_id FROM oauth_client WHERE app_id = $1::uuid AND ($2::text IS NULL OR environment = $2)`,
    [appId, environment ?? null],
  );
  return rows.map((row) => row.client_id);
}

async function waitingCandidate(sql: SqlRunner, appId: string): Promise<AppVersionView> {
  const [candidate] = await versionsOf(sql, appId);
  if (!candidate || !WAITING.includes(candidate.status))
    throw conflict('no version of this app waits for review');
  return candidate;
}

/** pending → in_review. */
export async function startReview(sql: FastSql, admin: Admin, appId: string): Promise<ReviewView> {
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { lock: true });
    const candidate = await waitingCandidate(tx, appId);
    if (candidate.status !== 'pending') throw conflict('the version is already in review');
    await tx.execute(
      `UPDATE app_version SET status = 'in_review' WHERE app_id = $1::uuid AND version = $2::int`,
      [appId, candidate.version],
    );
    if (app.live_version === null) {
      await tx.execute(`UPDATE app SET status = 'in_review', updated_at = now() WHERE id = $1::uuid`, [
        appId,
      ]);
    }
    await recordDecision(tx, {
      appId,
      version: candidate.version,
      action: 'start-review',
      actorId: admin.userId,
    });
  });
  return reviewOf(sql, appId);
}

export interface ApproveOptions {
  /** Why the version is approved although its newest certification did not pass (or never ran) */
  certificationOverride?: string | null | undefined;
}

/**
 * The certification rule: a version is approved only when its newest certification run passed, or with
 * an override that says why. Returns the override to record ('' when none was needed).
 */
async function certificationOverride(
  sql: SqlRunner,
  appId: string,
  version: number,
  override: string | null | undefined,
): Promise<string> {
  const latest = await latestCertification(sql, appId, version);
  if (latest?.status === 'passed') return '';
  const reason = override?.trim() ?? '';
  if (!reason) {
    throw new RegistryError(
      'invalid',
      latest
        ? `the newest certification of version ${version} is ${latest.status}: approving it needs an override reason`
        : `version ${version} has no certification: approving it needs an override reason`,
      { certificationOverride: ['a reason is required to approve without a passed certification'] },
    );
  }
  return `${latest ? `certification ${latest.status}` : 'no certification'}: ${reason}`;
}

/**
 * Approves the version waiting for review: it becomes the live version (the one before it is retired),
 * the app is listed, and its production client takes the version's registration and is activated. A
 * suspended app with nothing waiting is reinstated the same way. A waiting version whose newest
 * certification did not pass needs `certificationOverride`, recorded in the app's decisions.
 */
export async function approveApp(
  sql: FastSql,
  admin: Admin,
  appId: string,
  note: string | null = null,
  options: ApproveOptions = {},
): Promise<ReviewView> {
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { lock: true });
    const [newest] = await versionsOf(tx, appId);
    if (!newest) throw notFound();
    if (app.status === 'retired') throw conflict('the app is retired');
    let version: AppVersionView;
    let override = '';
    if (WAITING.includes(newest.status)) {
      version = newest;
      override = await certificationOverride(tx, appId, version.version, options.certificationOverride);
      if (app.live_version !== null && app.live_version !== version.version) {
        await tx.execute(
          `UPDATE app_version SET status = 'retired' WHERE app_id = $1::uuid AND version = $2::int`,
          [appId, app.live_version],
        );
      }
    } else if (app.status === 'suspended' && app.live_version !== null) {
      const live = (await versionsOf(tx, appId)).find((v) => v.version === app.live_version);
      if (!live) throw notFound();
      version = live;
    } else {
      throw conflict('no version of this app waits for review');
    }
    await setVersionStatus(tx, appId, version.version, 'approved', admin, note);
    await tx.execute(
      `UPDATE app SET status = 'approved', listed = true, live_version = $2::int, name = $3, updated_at = now()
       WHERE id = $1::uuid`,
      [appId, version.version, version.details.name],
    );
    for (const clientId of await appClientIds(tx, appId, 'production')) {
      await updateClientRegistration(tx, clientId, {
        metadata: clientMetadataOf(version.details),
        allowedScopes: version.details.scopes,
      });
    }
    for (const clientId of await appClientIds(tx, appId)) {
      await decideClient(tx, { clientId, decision: 'approve', actorUserId: admin.userId });
    }
    if (override) {
      await recordDecision(tx, {
        appId,
        version: version.version,
        action: 'approve-override',
        actorId: admin.userId,
        reason: override,
      });
    }
    await recordDecision(tx, {
      appId,
      version: version.version,
      action: 'approve',
      actorId: admin.userId,
      reason: note,
    });
  });
  return reviewOf(sql, appId);
}

/** Rejects the version waiting for review; a live version keeps working. */
export async function rejectApp(
  sql: FastSql,
  admin: Admin,
  appId: string,
  reason: string,
): Promise<ReviewView> {
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { lock: true });
    const candidate = await waitingCandidate(tx, appId);
    await setVersionStatus(tx, appId, candidate.version, 'rejected', admin, reason);
    if (app.live_version === null) {
      await tx.execute(`UPDATE app SET status = 'rejected', updated_at = now() WHERE id = $1::uuid`, [appId]);
      for (const clientId of await appClientIds(tx, appId, 'production')) {
        await decideClient(tx, { clientId, decision: 'reject', reason, actorUserId: admin.userId });
      }
    } else {
      await tx.execute(`UPDATE app SET updated_at = now() WHERE id = $1::uuid`, [appId]);
    }
    await recordDecision(tx, {
      appId,
      version: candidate.version,
      action: 'reject',
      actorId: admin.userId,
      reason,
    });
  });
  return reviewOf(sql, appId);
}

async function block(
  sql: FastSql,
  admin: Admin,
  appId: string,
  reason: string,
  decision: 'suspend' | 'retire',
): Promise<ReviewView> {
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { lock: true });
    if (decision === 'suspend' && app.status !== 'approved')
      throw conflict('only a live app can be suspended');
    if (app.status === 'retired') throw conflict('the app is retired');
    const status = decision === 'suspend' ? 'suspended' : 'retired';
    await tx.execute(
      `UPDATE app SET status = $2::review_status, listed = false, updated_at = now() WHERE id = $1::uuid`,
      [appId, status],
    );
    if (app.live_version !== null) {
      await setVersionStatus(tx, appId, app.live_version, status, admin, reason);
    }
    if (decision === 'retire') {
      await tx.execute(
        `UPDATE app_version SET status = 'retired' WHERE app_id = $1::uuid AND status <> 'retired'`,
        [appId],
      );
    }
    for (const clientId of await appClientIds(tx, appId)) {
      await decideClient(tx, { clientId, decision, reason, actorUserId: admin.userId });
    }
    await recordDecision(tx, {
      appId,
      version: app.live_version,
      action: decision,
      actorId: admin.userId,
      reason,
    });
  });
  return reviewOf(sql, appId);
}

/** Suspends a live app: unlisted, and every token of its clients stops working at once. */
export const suspendApp = (sql: FastSql, admin: Admin, appId: string, reason: string) =>
  block(sql, admin, appId, reason, 'suspend');

/** Retires an app for good: unlisted, clients blocked, nothing more can be submitted. */
export const retireApp = (sql: FastSql, admin: Admin, appId: string, reason: string) =>
  block(sql, admin, appId, reason, 'retire');
