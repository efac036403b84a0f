import { timingSafeEqual } from 'node:crypto';
import { groupCalls, jsonColumn, type ReviewStatus, type SqlRunner } from '@openpas/db';

// oauth_client as the authorization server reads it: a client's metadata, the widest scope it may be
// granted, its review status and its secret's digest. Read on every client authentication, so lookups are
// hand-written SQL grouped across concurrent requests.

export interface ClientRecord {
  clientId: string;
  /** RFC 7591 metadata as registered */
  metadata: Record<string, unknown>;
  allowedScopes: string;
  reviewStatus: ReviewStatus;
  statusReason: string | null;
  /** Digest of the client secret (symmetric clients) */
  secretHash: string | null;
  organizationId: string | null;
  /** `sandbox` for an app's sandbox client (synthetic data only), else `production` */
  environment: string;
  /** The rotated-out secret's digest while its grace period lasts (secret rotation), else null */
  previousSecretHash: string | null;
}

/**
 * The digest the token endpoints should compare with for a presented secret's digest: the client's current
 * one when the presented digest is its previous secret's and the grace period has not ended, else the
 * presented one (compared as itself, and refused unless it is the current secret's).
 */
export function acceptedSecretDigest(client: ClientRecord | undefined, presentedDigest: string): string {
  const previous = client?.previousSecretHash;
  if (!client?.secretHash || !previous) return presentedDigest;
  const a = Buffer.from(previous);
  const b = Buffer.from(presentedDigest);
  return a.length === b.length && timingSafeEqual(a, b) ? client.secretHash : presentedDigest;
}

export interface ClientRegistration {
  metadata: Record<string, unknown>;
  allowedScopes: string;
  secretHash: string | null;
}

interface Row extends Record<string, unknown> {
  client_id: string;
  metadata: unknown;
  allowed_scopes: string;
  review_status: ReviewStatus;
  status_reason: string | null;
  secret_hash: string | null;
  organization_id: string | null;
  environment: string;
  /** The rotated-out secret's digest while its grace period lasts, else null */
  previous_secret_hash: string | null;
}

/** Every client's id and metadata (start-up checks). */
export async function registeredClients(
  sql: SqlRunner,
): Promise<{ clientId: string; metadata: Record<string, unknown> }[]> {
  const rows = await sql.query<{ client_id: string; metadata: unknown }>(
    'SELECT client_id, metadata FROM oauth_client',
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    metadata: jsonColumn<Record<string, unknown>>(row.metadata),
  }));
}

export class OAuthClientStore {
  readonly #sql: SqlRunner;
  readonly #find: (clientId: string) => Promise<Row | undefined>;

  constructor(sql: SqlRunner) {
    this.#sql = sql;
    this.#find = groupCalls(async (ids: readonly string[]) => {
      const rows = await sql.query<Row>(
        `SELECT client_id, metadata, allowed_scopes, review_status::text AS review_status, status_reason,
                secret_hash, organization_id::text AS organization_id, environment,
                CASE WHEN previous_secret_expires_at > now() THEN previous_secret_hash END AS previous_secret_hash
         FROM oauth_client WHERE client_id = ANY($1::text[])`,
        [[...new Set(ids)]],
      );
      const byId = new Map(rows.map((row) => [row.client_id, row]));
      return ids.map((id) => byId.get(id));
    });
  }

  /** Approved clients with a launch URL (initiate_login_uri): the apps an EHR can launch, by name. */
  async launchable(): Promise<{ clientId: string; name: string; launchUrl: string }[]> {
    const rows = await this.#sql.query<{ client_id: string; metadata: unknown }>(
      `SELECT client_id, metadata FROM oauth_client
       WHERE review_status = 'approved' AND metadata->>'initiate_login_uri' IS NOT NULL ORDER BY client_id`,
    );
    return rows.map((row) => {
      const metadata = jsonColumn<Record<string, unknown>>(row.metadata);
      return {
        clientId: row.client_id,
        name: typeof metadata.client_name === 'string' ? metadata.client_name : row.client_id,
        launchUrl: String(metadata.initiate_login_uri),
      };
    });
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.#find(clientId);
    if (!row) return undefined;
    return {
      clientId: row.client_id,
      metadata: jsonColumn<Record<string, unknown>>(row.metadata),
      allowedScopes: row.allowed_scopes,
      reviewStatus: row.review_status,
      statusReason: row.status_reason,
      secretHash: row.secret_hash,
      organizationId: row.organization_id,
      environment: row.environment,
      previousSecretHash: row.previous_secret_hash,
    };
  }

  /** RFC 7591 registration: a new client waits for review; a registered one keeps its review status. */
  async register(clientId: string, registration: ClientRegistration): Promise<void> {
    // updated_at has no database default (Prisma's @updatedAt set it from the client clock).
    await this.#sql.execute(
      `INSERT INTO oauth_client (client_id, metadata, allowed_scopes, secret_hash, review_status, updated_at)
       VALUES ($1, $2::jsonb, $3, $4, 'pending', $5::timestamptz)
       ON CONFLICT (client_id) DO UPDATE SET metadata = EXCLUDED.metadata,
         allowed_scopes = EXCLUDED.allowed_scopes, secret_hash = EXCLUDED.secret_hash,
         updated_at = EXCLUDED.updated_at`,
      [
        clientId,
        JSON.stringify(registration.metadata),
        registration.allowedScopes,
        registration.secretHash,
        new Date().toISOString(),
      ],
    );
  }

  async remove(clientId: string): Promise<void> {
    await this.#sql.execute('DELETE FROM oauth_client WHERE client_id = $1', [clientId]);
  }
}
