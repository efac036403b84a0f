import { randomBytes } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import type { AppDetails } from './app-input.ts';

// Writing app_version rows: the registration as JSON (details) and the columns kept beside it.

export function slugOf(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'app'}-${randomBytes(3).toString('hex')}`;
}

export const clientSuffix = () => randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').toLowerCase();

/** The columns app_version keeps beside `details` (read by older code and the sandbox seed). */
function versionColumns(details: AppDetails) {
  return [
    details.name,
    JSON.stringify(details),
    details.summaryEn,
    details.descriptionEn,
    JSON.stringify({ 'zh-TW': { summary: details.summaryZh, description: details.descriptionZh } }),
    details.homepageUrl ?? null,
    details.logoUploadId ? `/uploads/${details.logoUploadId}` : null,
    details.launchUrl ?? null,
    details.redirectUris,
    details.scopes,
    details.launchTypes,
  ];
}

export async function insertVersion(sql: SqlRunner, appId: string, version: number, details: AppDetails) {
  await sql.execute(
    `INSERT INTO app_version (id, app_id, version, name, details, summary, description, translations,
       homepage_url, logo_url, launch_url, redirect_uris, scopes, launch_types, status)
     VALUES (gen_random_uuid(), $1::uuid, $2::int, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9, $10, $11::text[],
       $12, $13::text[], 'draft')`,
    [appId, version, ...versionColumns(details)],
  );
}

export async function rewriteVersion(sql: SqlRunner, appId: string, version: number, details: AppDetails) {
  await sql.execute(
    `UPDATE app_version SET name = $3, details = $4::jsonb, summary = $5, description = $6,
       translations = $7::jsonb, homepage_url = $8, logo_url = $9, launch_url = $10, redirect_uris = $11::text[],
       scopes = $12, launch_types = $13::text[], status = 'draft', submitted_at = NULL, reviewed_at = NULL
     WHERE app_id = $1::uuid AND version = $2::int`,
    [appId, version, ...versionColumns(details)],
  );
}
