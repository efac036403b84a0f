import {
  createAppClient,
  hashClientSecret,
  newClientSecret,
  rotateClientSecret,
  updateClientRegistration,
} from '@openpas/auth-store';
import type { FastSql, SqlRunner } from '@openpas/db';
import { type CheckOptions, checkAppDetails } from './app-checks.ts';
import { type AppDetails, type AppInput, appInput } from './app-input.ts';
import {
  type AppRow,
  appDetail,
  type DetailOptions,
  developerAppRows,
  loadApp,
  recordDecision,
  summaryOf,
  versionsOf,
} from './app-reads.ts';
import { clientMetadataOf } from './client-metadata.ts';
import { conflict, notFound, RegistryError } from './registry-error.ts';
import { clientSuffix, insertVersion, rewriteVersion, slugOf } from './version-rows.ts';
import type { AppDetailView, AppSummaryView, IssuedSecretView } from './views.ts';

// A developer's side of the registry: register an app (a draft, with a sandbox client at once and a
// production client that waits for approval), change it (in place while a draft or rejected; a new
// version once it is live, so the approved one keeps working), submit it, rotate a secret, and bring an
// RFC 7591 registration into the console.

export interface Developer {
  userId: string;
  organizationId: string | null;
}

export interface RegistryOptions extends CheckOptions, DetailOptions {}

async function checked(details: AppInput, options: RegistryOptions): Promise<AppDetails> {
  const errors = await checkAppDetails(details, options);
  if (Object.keys(errors).length > 0) {
    throw new RegistryError('invalid', 'the registration has problems', errors);
  }
  return details;
}

/** The uploads a registration names must be this app's images of the right kind. */
async function checkUploads(sql: SqlRunner, appId: string | null, details: AppDetails): Promise<void> {
  const wanted = [
    ...(details.logoUploadId ? [{ id: details.logoUploadId, kind: 'logo', field: 'logoUploadId' }] : []),
    ...details.screenshotUploadIds.map((id) => ({ id, kind: 'screenshot', field: 'screenshotUploadIds' })),
  ];
  if (wanted.length === 0) return;
  const rows = await sql.query<{ id: string; kind: string }>(
    `SELECT id::text AS id, kind FROM app_upload WHERE id = ANY($1::uuid[]) AND app_id = $2::uuid`,
    [wanted.map((item) => item.id), appId],
  );
  const found = new Map(rows.map((row) => [row.id, row.kind]));
  const errors: Record<string, string[]> = {};
  for (const item of wanted) {
    if (found.get(item.id) !== item.kind) {
      errors[item.field] = [
        ...(errors[item.field] ?? []),
        `no ${item.kind} ${item.id} was uploaded for this app`,
      ];
    }
  }
  if (Object.keys(errors).length > 0) throw new RegistryError('invalid', 'unknown uploads', errors);
}

export interface CreatedApp {
  app: AppDetailView;
  /** The new secrets (confidential-secret apps), shown this once */
  secrets: IssuedSecretView[];
}

/** Registers an app: a draft version 1, a sandbox client usable at once and a production client awaiting approval. */
export async function createApp(
  sql: FastSql,
  developer: Developer,
  raw: unknown,
  options: RegistryOptions,
): Promise<CreatedApp> {
  const details = await checked(appInput.parse(raw), options);
  if (details.logoUploadId || details.screenshotUploadIds.length > 0) {
    throw new RegistryError('invalid', 'upload images after the app exists', {
      logoUploadId: ['upload images once the app is registered'],
    });
  }
  const secrets: IssuedSecretView[] = [];
  const appId = await sql.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO app (id, slug, name, developer_id, organization_id, status, listed, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4::uuid, 'draft', false, now()) RETURNING id::text AS id`,
      [slugOf(details.name), details.name, developer.userId, developer.organizationId],
    );
    const id = row?.id as string;
    await insertVersion(tx, id, 1, details);
    const metadata = clientMetadataOf(details);
    for (const environment of ['sandbox', 'production'] as const) {
      const clientId = `${environment === 'sandbox' ? 'sandbox-' : ''}app-${clientSuffix()}`;
      const secret = details.clientKind === 'confidential-secret' ? newClientSecret() : null;
      await createAppClient(tx, {
        clientId,
        appId: id,
        organizationId: developer.organizationId,
        environment,
        metadata,
        allowedScopes: details.scopes,
        secretHash: secret ? hashClientSecret(secret) : null,
        reviewStatus: environment === 'sandbox' ? 'approved' : 'draft',
      });
      if (secret) secrets.push({ clientId, clientSecret: secret, previousSecretValidUntil: null });
    }
    await recordDecision(tx, { appId: id, version: 1, action: 'create', actorId: developer.userId });
    return id;
  });
  return { app: await appDetail(sql, appId, options), secrets };
}

export async function listDeveloperApps(sql: SqlRunner, developer: Developer): Promise<AppSummaryView[]> {
  return (await developerAppRows(sql, developer.userId)).map(summaryOf);
}

export async function getDeveloperApp(
  sql: SqlRunner,
  developer: Developer,
  appId: string,
  options: DetailOptions,
): Promise<AppDetailView> {
  await loadApp(sql, appId, { developerId: developer.userId });
  return appDetail(sql, appId, options);
}

async function syncSandboxClient(sql: SqlRunner, appId: string, details: AppDetails): Promise<void> {
  const rows = await sql.query<{ client_id: string }>(
    `SELECT client_id FROM oauth_client WHERE app_id = $1::uuid AND environment = 'sandbox'`,
    [appId],
  );
  for (const row of rows) {
    await updateClientRegistration(sql, row.client_id, {
      metadata: clientMetadataOf(details),
      allowedScopes: details.scopes,
    });
  }
}

/**
 * Changes the app's registration. A draft or rejected working version is rewritten (and is a draft again);
 * a live or suspended app gets a new draft version while the approved one keeps working; nothing changes
 * while a version waits in review or after retirement. The sandbox client follows the change at once.
 */
export async function updateApp(
  sql: FastSql,
  developer: Developer,
  appId: string,
  raw: unknown,
  options: RegistryOptions,
): Promise<AppDetailView> {
  const details = await checked(appInput.parse(raw), options);
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { developerId: developer.userId, lock: true });
    await checkUploads(tx, appId, details);
    const [working] = await versionsOf(tx, appId);
    if (!working) throw notFound();
    if (app.status === 'retired') throw conflict('the app is retired');
    if (working.details.clientKind && working.details.clientKind !== details.clientKind) {
      // Its clients were issued for one way of authenticating (a secret, keys or none): that stays.
      throw new RegistryError('invalid', 'the client kind cannot change', {
        clientKind: [`stays ${working.details.clientKind}: register a new app to authenticate another way`],
      });
    }
    if (working.status === 'pending' || working.status === 'in_review') {
      throw conflict('a version is waiting for review; change it after the decision');
    }
    if (working.status === 'draft' || working.status === 'rejected') {
      await rewriteVersion(tx, appId, working.version, details);
    } else {
      await insertVersion(tx, appId, working.version + 1, details);
    }
    if (app.live_version === null) {
      await tx.execute(`UPDATE app SET name = $2, status = 'draft', updated_at = now() WHERE id = $1::uuid`, [
        appId,
        details.name,
      ]);
    } else {
      await tx.execute(`UPDATE app SET updated_at = now() WHERE id = $1::uuid`, [appId]);
    }
    await syncSandboxClient(tx, appId, details);
  });
  return appDetail(sql, appId, options);
}

/** Sends the working (draft) version to review. */
export async function submitApp(
  sql: FastSql,
  developer: Developer,
  appId: string,
  options: RegistryOptions,
): Promise<AppDetailView> {
  await sql.transaction(async (tx) => {
    const app = await loadApp(tx, appId, { developerId: developer.userId, lock: true });
    const [working] = await versionsOf(tx, appId);
    if (!working) throw notFound();
    if (working.status !== 'draft') {
      throw conflict(
        working.status === 'rejected'
          ? 'change the rejected version before submitting it again'
          : `version ${working.version} is ${working.status}, not a draft`,
      );
    }
    if (app.status === 'retired') throw conflict('the app is retired');
    await tx.execute(
      `UPDATE app_version SET status = 'pending', submitted_at = now() WHERE app_id = $1::uuid AND version = $2::int`,
      [appId, working.version],
    );
    if (app.live_version === null) {
      await tx.execute(`UPDATE app SET status = 'pending', updated_at = now() WHERE id = $1::uuid`, [appId]);
      await tx.execute(
        `UPDATE oauth_client SET review_status = 'pending', updated_at = now()
         WHERE app_id = $1::uuid AND environment = 'production' AND review_status = 'draft'`,
        [appId],
      );
    } else {
      await tx.execute(`UPDATE app SET updated_at = now() WHERE id = $1::uuid`, [appId]);
    }
    await recordDecision(tx, {
      appId,
      version: working.version,
      action: 'submit',
      actorId: developer.userId,
    });
  });
  return appDetail(sql, appId, options);
}

/** A new secret for the app's sandbox or production client; the previous one works for `graceSeconds`. */
export async function rotateAppSecret(
  sql: FastSql,
  developer: Developer,
  input: { appId: string; environment: 'sandbox' | 'production'; graceSeconds: number },
): Promise<IssuedSecretView> {
  return sql.transaction(async (tx) => {
    await loadApp(tx, input.appId, { developerId: developer.userId, lock: true });
    const rows = await tx.query<{ client_id: string }>(
      `SELECT client_id FROM oauth_client WHERE app_id = $1::uuid AND environment = $2 AND secret_hash IS NOT NULL`,
      [input.appId, input.environment],
    );
    const clientId = rows[0]?.client_id;
    if (!clientId) throw conflict(`the app has no ${input.environment} client with a secret`);
    const secret = newClientSecret();
    const until = await rotateClientSecret(tx, clientId, hashClientSecret(secret), input.graceSeconds);
    return { clientId, clientSecret: secret, previousSecretValidUntil: until?.toISOString() ?? null };
  });
}

export type { AppRow };

/** The developer's apps without an organisation take the one they now have. */
export async function adoptOrganization(
  sql: SqlRunner,
  developerId: string,
  organizationId: string,
): Promise<void> {
  await sql.execute(
    `UPDATE app SET organization_id = $2::uuid, updated_at = now()
     WHERE developer_id = $1::uuid AND organization_id IS NULL`,
    [developerId, organizationId],
  );
}
