import { createHash } from 'node:crypto';
import {
  type FastSql,
  groupCalls,
  jsonColumn,
  type Prisma,
  type PrismaClient,
  type ReviewStatus,
} from '@openpas/db';
import type { AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';

// Clients live in oauth_client with a review status. Only approved clients exist for oidc-provider; the
// others are refused with a description that says why, at the token endpoint and before any
// authorization page.

const REFUSALS: Record<Exclude<ReviewStatus, 'approved'>, string> = {
  draft: 'client registration has not been submitted for review',
  pending: 'client registration is pending review by an OpenPAS administrator',
  rejected: 'client registration was rejected by an OpenPAS administrator',
  suspended: 'client is suspended by an OpenPAS administrator',
};

/** Client secrets are high-entropy random strings, so a SHA-256 digest is a safe way to keep them. */
export function hashClientSecret(secret: string): string {
  return `sha256$${createHash('sha256').update(secret).digest('base64url')}`;
}

function refusal(status: Exclude<ReviewStatus, 'approved'>, reason: string | null): Error {
  const error = new errors.InvalidClientAuth();
  error.error_description = reason ? `${REFUSALS[status]}: ${reason}` : REFUSALS[status];
  return error;
}

interface ClientRow extends Record<string, unknown> {
  client_id: string;
  metadata: unknown;
  allowed_scopes: string;
  review_status: ReviewStatus;
  status_reason: string | null;
  secret_hash: string | null;
}

export class ClientStore {
  readonly #prisma: PrismaClient;
  readonly #sql: FastSql;
  // Read on every client authentication: hand-written SQL, grouped across concurrent requests.
  readonly #lookup: (clientId: string) => Promise<ClientRow | undefined>;

  constructor(prisma: PrismaClient, sql: FastSql) {
    this.#prisma = prisma;
    this.#sql = sql;
    this.#lookup = groupCalls(async (ids: readonly string[]) => {
      const rows = await this.#sql.query<ClientRow>(
        `SELECT client_id, metadata, allowed_scopes, review_status::text AS review_status, status_reason, secret_hash
         FROM oauth_client WHERE client_id = ANY($1::text[])`,
        [[...new Set(ids)]],
      );
      const byId = new Map(rows.map((row) => [row.client_id, row]));
      return ids.map((id) => byId.get(id));
    });
  }

  /** The client's metadata for oidc-provider, or a refusal when it is not approved. */
  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const found = await this.#lookup(clientId);
    if (!found) return undefined;
    const row = {
      clientId: found.client_id,
      metadata: jsonColumn(found.metadata),
      allowedScopes: found.allowed_scopes,
      reviewStatus: found.review_status,
      statusReason: found.status_reason,
      secretHash: found.secret_hash,
    };
    if (row.reviewStatus !== 'approved') throw refusal(row.reviewStatus, row.statusReason);
    // initiate_login_uri is read by the EHR launcher, never by oidc-provider, which would refuse the
    // sandbox's http://localhost launch URL (it wants https).
    const { initiate_login_uri: _launchUri, ...metadata } = row.metadata as Record<string, unknown>;
    return {
      ...metadata,
      client_id: row.clientId,
      // The widest scope set the client may be granted; requests are narrowed to it.
      scope: row.allowedScopes,
      ...(row.secretHash ? { client_secret: row.secretHash } : {}),
    } as AdapterPayload;
  }

  /**
   * RFC 7591 registration: the new client waits for an administrator. The secret oidc-provider generated
   * for a symmetric client is kept only as a digest; the registration response still shows it once.
   */
  async register(clientId: string, payload: AdapterPayload): Promise<void> {
    const {
      client_id: _id,
      client_secret: secret,
      scope,
      openpas_scope: full,
      ...metadata
    } = payload as Record<string, unknown>;
    const registered = typeof full === 'string' ? full : typeof scope === 'string' ? scope : '';
    const data = {
      metadata: metadata as Prisma.InputJsonObject,
      allowedScopes: registered,
      secretHash:
        typeof secret === 'string'
          ? secret.startsWith('sha256$')
            ? secret
            : hashClientSecret(secret)
          : null,
    };
    await this.#prisma.oAuthClient.upsert({
      where: { clientId },
      create: { clientId, reviewStatus: 'pending', ...data },
      update: data,
    });
  }

  async remove(clientId: string): Promise<void> {
    await this.#prisma.oAuthClient.deleteMany({ where: { clientId } });
  }
}
