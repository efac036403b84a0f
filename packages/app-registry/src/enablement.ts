import { jsonColumn, type SqlRunner } from '@openpas/db';
import type { AppDetails } from './app-input.ts';
import { notFound } from './registry-error.ts';
import type { EnablementView } from './views.ts';

// Which listed apps a hospital's clinicians may launch. A hospital admin enables or disables each; without
// a row an app is not enabled. The authorization server asks launchPermission before a clinician of a
// hospital authorizes an app's production client; clients that are no app's (the platform's own) and
// sandbox clients (synthetic data only) are not subject to it.

export interface HospitalAdmin {
  userId: string;
  organizationId: string;
}

interface Row extends Record<string, unknown> {
  app_id: string;
  slug: string;
  name: string;
  details: unknown;
  developer_name: string;
  enabled: boolean | null;
  changed_at: unknown;
  changed_by: string | null;
}

function viewOf(row: Row): EnablementView {
  const details = jsonColumn<AppDetails>(row.details);
  return {
    appId: row.app_id,
    slug: row.slug,
    name: row.name,
    summaryEn: details.summaryEn ?? '',
    summaryZh: details.summaryZh ?? '',
    logoPath: details.logoUploadId ? `/uploads/${details.logoUploadId}` : null,
    categories: details.categories ?? [],
    specialties: details.specialties ?? [],
    launchTypes: details.launchTypes ?? [],
    userTypes: details.userTypes ?? [],
    developerName: row.developer_name,
    enabled: row.enabled === true,
    changedAt: row.changed_at ? new Date(String(row.changed_at)).toISOString() : null,
    changedBy: row.changed_by,
  };
}

const SELECT = `
  SELECT a.id::text AS app_id, a.slug, v.name, v.details, coalesce(o.name, u.display_name) AS developer_name,
         e.enabled, e.changed_at, cu.display_name AS changed_by
  FROM app a
  JOIN app_version v ON v.app_id = a.id AND v.version = a.live_version
  JOIN app_user u ON u.id = a.developer_id
  LEFT JOIN organization o ON o.id = a.organization_id
  LEFT JOIN app_enablement e ON e.app_id = a.id AND e.organization_id = $1::uuid
  LEFT JOIN app_user cu ON cu.id = e.changed_by_id
  WHERE a.listed AND a.status = 'approved'`;

/** Every listed app with its state at the admin's hospital, by name; `q` filters by name. */
export async function hospitalApps(sql: SqlRunner, admin: HospitalAdmin, q = ''): Promise<EnablementView[]> {
  const rows = await sql.query<Row>(
    `${SELECT} AND ($2 = '' OR strpos(lower(v.name), lower($2)) > 0) ORDER BY lower(v.name), a.id`,
    [admin.organizationId, q.trim()],
  );
  return rows.map(viewOf);
}

/** Enables or disables a listed app at the admin's hospital (NOT_FOUND for an app that is not listed). */
export async function setEnablement(
  sql: SqlRunner,
  admin: HospitalAdmin,
  appId: string,
  enabled: boolean,
): Promise<EnablementView> {
  const listed = await sql.query<{ id: string }>(
    `SELECT id::text AS id FROM app WHERE id = $1::uuid AND listed AND status = 'approved'`,
    [appId],
  );
  if (listed.length === 0) throw notFound('listed app');
  await sql.execute(
    `INSERT INTO app_enablement (app_id, organization_id, enabled, changed_by_id, changed_at)
     VALUES ($1::uuid, $2::uuid, $3, $4::uuid, now())
     ON CONFLICT (app_id, organization_id) DO UPDATE SET enabled = EXCLUDED.enabled,
       changed_by_id = EXCLUDED.changed_by_id, changed_at = EXCLUDED.changed_at`,
    [appId, admin.organizationId, enabled, admin.userId],
  );
  const [row] = await sql.query<Row>(`${SELECT} AND a.id = $2::uuid`, [admin.organizationId, appId]);
  if (!row) throw notFound('listed app');
  return viewOf(row);
}

export type LaunchPermission =
  | { allowed: true }
  | { allowed: false; appName: string; organizationName: string };

/**
 * Whether this user may authorize this client: refused when the client is an app's production client, the
 * user belongs to a hospital, and that hospital has not enabled the app.
 */
export async function launchPermission(
  sql: SqlRunner,
  clientId: string,
  userId: string,
): Promise<LaunchPermission> {
  const [row] = await sql.query<{
    app_name: string | null;
    environment: string;
    org_kind: string | null;
    org_name: string | null;
    enabled: boolean | null;
  }>(
    `SELECT a.name AS app_name, c.environment, o.kind::text AS org_kind, o.name AS org_name, e.enabled
     FROM oauth_client c
     LEFT JOIN app a ON a.id = c.app_id
     LEFT JOIN app_user u ON u.id = $2::uuid
     LEFT JOIN organization o ON o.id = u.organization_id
     LEFT JOIN app_enablement e ON e.app_id = c.app_id AND e.organization_id = u.organization_id
     WHERE c.client_id = $1`,
    [clientId, userId],
  );
  if (!row || row.app_name === null || row.environment === 'sandbox' || row.org_kind !== 'hospital') {
    return { allowed: true };
  }
  if (row.enabled === true) return { allowed: true };
  return { allowed: false, appName: row.app_name, organizationName: row.org_name ?? '' };
}
