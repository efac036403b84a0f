import {
  type FastSql,
  groupCalls,
  jsonColumn,
  type Prisma,
  type PrismaClient,
  type ReviewStatus,
} from '@openpas/db';

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
}

/** Every client's id and metadata (start-up checks). */
export async function registeredClients(
  prisma: PrismaClient,
): Promise<{ clientId: string; metadata: Record<string, unknown> }[]> {
  const rows = await prisma.oAuthClient.findMany({ select: { clientId: true, metadata: true } });
  return rows.map((row) => ({ clientId: row.clientId, metadata: row.metadata as Record<string, unknown> }));
}

export class OAuthClientStore {
  readonly #prisma: PrismaClient;
  readonly #find: (clientId: string) => Promise<Row | undefined>;

  constructor(prisma: PrismaClient, sql: FastSql) {
    this.#prisma = prisma;
    this.#find = groupCalls(async (ids: readonly string[]) => {
      const rows = await sql.query<Row>(
        `SELECT client_id, metadata, allowed_scopes, review_status::text AS review_status, status_reason,
                secret_hash, organization_id::text AS organization_id
         FROM oauth_client WHERE client_id = ANY($1::text[])`,
        [[...new Set(ids)]],
      );
      const byId = new Map(rows.map((row) => [row.client_id, row]));
      return ids.map((id) => byId.get(id));
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
    };
  }

  /** RFC 7591 registration: a new client waits for review; a registered one keeps its review status. */
  async register(clientId: string, registration: ClientRegistration): Promise<void> {
    const data = { ...registration, metadata: registration.metadata as Prisma.InputJsonObject };
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
