import { clientsOfApp } from '@openpas/auth-store';
import { jsonColumn, type SqlRunner } from '@openpas/db';
import type { AppDetails } from './app-input.ts';
import { notFound } from './registry-error.ts';
import type { AppDetailView, AppSummaryView, AppVersionView, ClientView, DecisionView } from './views.ts';
import type { AppStatus, DecisionAction } from './vocabulary.ts';

// Reading an app, its versions, clients and decisions, and shaping them as the views the API returns.

const iso = (value: unknown): string => new Date(String(value)).toISOString();
const isoOrNull = (value: unknown): string | null => (value ? iso(value) : null);

export interface AppRow extends Record<string, unknown> {
  id: string;
  slug: string;
  name: string;
  developer_id: string;
  organization_id: string | null;
  status: AppStatus;
  listed: boolean;
  live_version: number | null;
  origin: string;
  updated_at: unknown;
  latest_version: number;
}

const APP_COLUMNS = `a.id::text AS id, a.slug, a.name, a.developer_id::text AS developer_id,
  a.organization_id::text AS organization_id, a.status::text AS status, a.listed, a.live_version, a.origin,
  a.updated_at, (SELECT max(v.version) FROM app_version v WHERE v.app_id = a.id) AS latest_version`;

/** The app, locked for the rest of the transaction when `lock`; NOT_FOUND when missing or not the developer's. */
export async function loadApp(
  sql: SqlRunner,
  appId: string,
  options: { developerId?: string; lock?: boolean } = {},
): Promise<AppRow> {
  const rows = await sql.query<AppRow>(
    `SELECT ${APP_COLUMNS} FROM app a WHERE a.id = $1::uuid ${options.lock ? 'FOR UPDATE' : ''}`,
    [appId],
  );
  const row = rows[0];
  if (!row || (options.developerId !== undefined && row.developer_id !== options.developerId))
    throw notFound();
  return { ...row, live_version: numberOrNull(row.live_version), latest_version: Number(row.latest_version) };
}

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function developerAppRows(sql: SqlRunner, developerId: string): Promise<AppRow[]> {
  const rows = await sql.query<AppRow>(
    `SELECT ${APP_COLUMNS} FROM app a WHERE a.developer_id = $1::uuid ORDER BY a.updated_at DESC`,
    [developerId],
  );
  return rows.map((row) => ({
    ...row,
    live_version: numberOrNull(row.live_version),
    latest_version: Number(row.latest_version),
  }));
}

interface VersionRow extends Record<string, unknown> {
  id: string;
  version: number;
  status: AppStatus;
  details: unknown;
  submitted_at: unknown;
  reviewed_at: unknown;
  created_at: unknown;
}

/** Stored details as the registration's fields have them: an absent optional field, never null. */
function withoutNulls(details: AppDetails): AppDetails {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== null)) as AppDetails;
}

export async function versionsOf(sql: SqlRunner, appId: string): Promise<AppVersionView[]> {
  const rows = await sql.query<VersionRow>(
    `SELECT id::text AS id, version, status::text AS status, details, submitted_at, reviewed_at, created_at
     FROM app_version WHERE app_id = $1::uuid ORDER BY version DESC`,
    [appId],
  );
  return rows.map((row) => ({
    id: row.id,
    version: Number(row.version),
    status: row.status,
    details: withoutNulls(jsonColumn<AppDetails>(row.details)),
    submittedAt: isoOrNull(row.submitted_at),
    reviewedAt: isoOrNull(row.reviewed_at),
    createdAt: iso(row.created_at),
  }));
}

export async function decisionsOf(sql: SqlRunner, appId: string): Promise<DecisionView[]> {
  const rows = await sql.query<{
    id: string;
    action: DecisionAction;
    version: number | null;
    actor_id: string | null;
    actor_name: string | null;
    reason: string | null;
    created_at: unknown;
  }>(
    `SELECT d.id::text AS id, d.action, d.version, d.actor_id::text AS actor_id, u.display_name AS actor_name,
            d.reason, d.created_at
     FROM app_decision d LEFT JOIN app_user u ON u.id = d.actor_id
     WHERE d.app_id = $1::uuid
     -- An approval and its certification override share their transaction's time: the approval first.
     ORDER BY d.created_at DESC, (d.action = 'approve-override'), d.id`,
    [appId],
  );
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    version: numberOrNull(row.version),
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    reason: row.reason,
    at: iso(row.created_at),
  }));
}

export async function clientViewsOf(sql: SqlRunner, appId: string): Promise<ClientView[]> {
  return (await clientsOfApp(sql, appId)).map((client) => ({
    clientId: client.clientId,
    environment: client.environment,
    reviewStatus: client.reviewStatus as AppStatus,
    hasSecret: client.hasSecret,
    previousSecretValidUntil: client.previousSecretValidUntil?.toISOString() ?? null,
  }));
}

export function summaryOf(row: AppRow): AppSummaryView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    listed: row.listed,
    latestVersion: row.latest_version,
    liveVersion: row.live_version,
    dynamicRegistration: row.origin === 'registration',
    updatedAt: iso(row.updated_at),
  };
}

export interface DetailOptions {
  /** The auth server's issuer URL, for the sandbox launcher's address */
  authIssuer: string;
}

/** The developer console's view of one app. */
export async function appDetail(
  sql: SqlRunner,
  appId: string,
  options: DetailOptions,
): Promise<AppDetailView> {
  const row = await loadApp(sql, appId);
  const versions = await versionsOf(sql, appId);
  const working = versions[0];
  if (!working) throw notFound();
  const live =
    versions.find((version) => version.version === row.live_version && version !== working) ?? null;
  const clients = await clientViewsOf(sql, appId);
  const sandbox = clients.find((client) => client.environment === 'sandbox');
  const userFacing = !working.details.launchTypes?.includes('backend-service');
  return {
    ...summaryOf(row),
    working,
    live,
    versions: versions.map(({ id, version, status, createdAt }) => ({ id, version, status, createdAt })),
    clients,
    decisions: await decisionsOf(sql, appId),
    sandboxLaunchUrl:
      sandbox && userFacing
        ? `${options.authIssuer}/sandbox/ehr-launch?client_id=${encodeURIComponent(sandbox.clientId)}`
        : null,
  };
}

/** Records a decision on an app. */
export async function recordDecision(
  sql: SqlRunner,
  decision: {
    appId: string;
    version: number | null;
    action: DecisionAction;
    actorId: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await sql.execute(
    `INSERT INTO app_decision (id, app_id, version, action, actor_id, reason)
     VALUES (gen_random_uuid(), $1::uuid, $2::int, $3, $4::uuid, $5)`,
    [decision.appId, decision.version, decision.action, decision.actorId, decision.reason ?? null],
  );
}
