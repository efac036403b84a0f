import { createHash, randomBytes } from 'node:crypto';
import { jsonColumn, type ReviewStatus, type SqlRunner } from '@openpas/db';

// The clients the app registry issues for an app: a sandbox client at once, a production client that waits
// for approval (decideClient activates it), and their secrets. Secrets are kept only as SHA-256 digests;
// after a rotation the previous digest is accepted until its grace period ends.

export type ClientEnvironment = 'sandbox' | 'production';

/** Client secrets are 32 random bytes, so a SHA-256 digest is a safe way to keep them. */
export function hashClientSecret(secret: string): string {
  return `sha256$${createHash('sha256').update(secret).digest('base64url')}`;
}

/** A new client secret (shown once to the developer). */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface AppClientInput {
  clientId: string;
  appId: string;
  organizationId: string | null;
  environment: ClientEnvironment;
  metadata: Record<string, unknown>;
  allowedScopes: string;
  secretHash: string | null;
  reviewStatus: ReviewStatus;
}

export interface AppClientRecord {
  clientId: string;
  environment: ClientEnvironment;
  reviewStatus: ReviewStatus;
  statusReason: string | null;
  hasSecret: boolean;
  previousSecretValidUntil: Date | null;
  allowedScopes: string;
  metadata: Record<string, unknown>;
}

/** Creates an app's client. */
export async function createAppClient(sql: SqlRunner, input: AppClientInput): Promise<void> {
  await sql.execute(
    `INSERT INTO oauth_client (client_id, app_id, organization_id, environment, metadata, allowed_scopes,
       secret_hash, review_status, updated_at)
     VALUES ($1, $2::uuid, $3::uuid, $4, $5::jsonb, $6, $7, $8::review_status, now())`,
    [
      input.clientId,
      input.appId,
      input.organizationId,
      input.environment,
      JSON.stringify(input.metadata),
      input.allowedScopes,
      input.secretHash,
      input.reviewStatus,
    ],
  );
}

/** Replaces what a client may do (its metadata and widest scope set); its status and secret stay. */
export async function updateClientRegistration(
  sql: SqlRunner,
  clientId: string,
  registration: { metadata: Record<string, unknown>; allowedScopes: string },
): Promise<void> {
  await sql.execute(
    `UPDATE oauth_client SET metadata = $2::jsonb, allowed_scopes = $3, updated_at = now() WHERE client_id = $1`,
    [clientId, JSON.stringify(registration.metadata), registration.allowedScopes],
  );
}

/** Links a client (an RFC 7591 registration) to the app that now represents it. */
export async function linkClientToApp(sql: SqlRunner, clientId: string, appId: string): Promise<void> {
  await sql.execute(`UPDATE oauth_client SET app_id = $2::uuid, updated_at = now() WHERE client_id = $1`, [
    clientId,
    appId,
  ]);
}

interface ClientRow extends Record<string, unknown> {
  client_id: string;
  environment: string;
  review_status: ReviewStatus;
  status_reason: string | null;
  has_secret: boolean;
  previous_until: unknown;
  allowed_scopes: string;
  metadata: unknown;
}

/** The clients of an app, sandbox first. */
export async function clientsOfApp(sql: SqlRunner, appId: string): Promise<AppClientRecord[]> {
  const rows = await sql.query<ClientRow>(
    `SELECT client_id, environment, review_status::text AS review_status, status_reason,
            secret_hash IS NOT NULL AS has_secret,
            CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_until,
            allowed_scopes, metadata
     FROM oauth_client WHERE app_id = $1::uuid ORDER BY environment DESC, created_at`,
    [appId],
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    environment: row.environment === 'sandbox' ? 'sandbox' : 'production',
    reviewStatus: row.review_status,
    statusReason: row.status_reason,
    hasSecret: row.has_secret,
    previousSecretValidUntil: row.previous_until ? new Date(String(row.previous_until)) : null,
    allowedScopes: row.allowed_scopes,
    metadata: jsonColumn<Record<string, unknown>>(row.metadata),
  }));
}

/**
 * Gives a client a new secret digest; the current one becomes the previous one, accepted until
 * `graceSeconds` from now (0: refused at once). Returns when the previous one stops working.
 */
export async function rotateClientSecret(
  sql: SqlRunner,
  clientId: string,
  secretHash: string,
  graceSeconds: number,
): Promise<Date | null> {
  const rows = await sql.query<{ until: unknown }>(
    `UPDATE oauth_client SET previous_secret_hash = CASE WHEN $3::int > 0 THEN secret_hash END,
       previous_secret_expires_at = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) END,
       secret_hash = $2, updated_at = now()
     WHERE client_id = $1 AND secret_hash IS NOT NULL
     RETURNING previous_secret_expires_at AS until`,
    [clientId, secretHash, graceSeconds],
  );
  if (rows.length === 0) throw new Error(`client ${clientId} has no secret to rotate`);
  const until = rows[0]?.until;
  return until ? new Date(String(until)) : null;
}

/** A client that registered itself (RFC 7591) and is not an app yet, when the token is its RFC 7592 one. */
export async function unclaimedRegistration(
  sql: SqlRunner,
  clientId: string,
  registrationAccessToken: string,
): Promise<{ metadata: Record<string, unknown>; allowedScopes: string; reviewStatus: ReviewStatus } | null> {
  const rows = await sql.query<{ metadata: unknown; allowed_scopes: string; review_status: ReviewStatus }>(
    `SELECT c.metadata, c.allowed_scopes, c.review_status::text AS review_status
     FROM oauth_client c
     JOIN oidc_payload t ON t.model = 'RegistrationAccessToken' AND t.id = $2 AND t.payload->>'clientId' = c.client_id
     WHERE c.client_id = $1 AND c.app_id IS NULL`,
    [clientId, registrationAccessToken],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    metadata: jsonColumn<Record<string, unknown>>(row.metadata),
    allowedScopes: row.allowed_scopes,
    reviewStatus: row.review_status,
  };
}

/** The app a client belongs to (its id), or null. */
export async function appOfClient(sql: SqlRunner, clientId: string): Promise<string | null> {
  const rows = await sql.query<{ app_id: string | null }>(
    'SELECT app_id::text AS app_id FROM oauth_client WHERE client_id = $1',
    [clientId],
  );
  return rows[0]?.app_id ?? null;
}

/**
 * The platform's own clients (the portal), from the configuration: created approved, or brought up to date
 * (metadata, scopes, secret) at every start; an administrator's suspension stays.
 */
export async function upsertPlatformClient(
  sql: SqlRunner,
  client: {
    clientId: string;
    metadata: Record<string, unknown>;
    allowedScopes: string;
    secretHash: string | null;
  },
): Promise<void> {
  await sql.execute(
    `INSERT INTO oauth_client (client_id, metadata, allowed_scopes, secret_hash, review_status, updated_at)
     VALUES ($1, $2::jsonb, $3, $4, 'approved', now())
     ON CONFLICT (client_id) DO UPDATE SET metadata = EXCLUDED.metadata, allowed_scopes = EXCLUDED.allowed_scopes,
       secret_hash = EXCLUDED.secret_hash, updated_at = now()`,
    [client.clientId, JSON.stringify(client.metadata), client.allowedScopes, client.secretHash],
  );
}

export interface PendingRegistration {
  clientId: string;
  clientName: string | null;
  allowedScopes: string;
  grantTypes: string[];
  tokenEndpointAuthMethod: string | null;
  registeredAt: Date;
}

/** RFC 7591 registrations waiting for an admin that no developer has brought into the portal, oldest first. */
export async function pendingRegistrations(sql: SqlRunner): Promise<PendingRegistration[]> {
  const rows = await sql.query<{
    client_id: string;
    metadata: unknown;
    allowed_scopes: string;
    created_at: unknown;
  }>(
    `SELECT client_id, metadata, allowed_scopes, created_at FROM oauth_client
     WHERE app_id IS NULL AND review_status = 'pending' ORDER BY created_at, client_id`,
  );
  return rows.map((row) => {
    const metadata = jsonColumn<Record<string, unknown>>(row.metadata);
    return {
      clientId: row.client_id,
      clientName: typeof metadata.client_name === 'string' ? metadata.client_name : null,
      allowedScopes: row.allowed_scopes,
      grantTypes: Array.isArray(metadata.grant_types) ? (metadata.grant_types as string[]) : [],
      tokenEndpointAuthMethod:
        typeof metadata.token_endpoint_auth_method === 'string' ? metadata.token_endpoint_auth_method : null,
      registeredAt: new Date(String(row.created_at)),
    };
  });
}
