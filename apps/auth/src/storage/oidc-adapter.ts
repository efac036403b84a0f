import { type FastSql, groupCalls, jsonColumn, type Prisma, type PrismaClient } from '@openpas/db';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { ClientStore } from './client-store.ts';

// oidc-provider's storage on our database: one row per (model, id) in oidc_payload, with the lookup columns
// it needs. Nothing the server needs after a restart lives in memory. Clients are read from oauth_client
// (their review status decides whether they exist for the library at all), and client-assertion replay is
// recorded by a unique insert in provider/assertion-checks.ts, so ReplayDetection has nothing to keep here.

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'ClientCredentials',
]);

function expiry(expiresIn: number | undefined): Date | null {
  return expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
}

function toPayload(row: { payload: Prisma.JsonValue; consumedAt: Date | null }): AdapterPayload {
  const payload = row.payload as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

interface PayloadRow extends Record<string, unknown> {
  model: string;
  id: string;
  payload: unknown;
  expires_at: string | null;
  consumed_at: string | null;
}

interface PayloadWrite {
  model: string;
  id: string;
  payload: string;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
  expiresAt: string | null;
}

/**
 * The reads and writes of oidc_payload that every token request and introspection makes, grouped across
 * concurrent requests (groupCalls): many lookups in one SELECT, many tokens in one INSERT. Each caller
 * still waits for its own statement, so a token is stored before it is handed out.
 */
export class OidcPayloads {
  readonly find: (model: string, id: string) => Promise<PayloadRow | undefined>;
  readonly write: (row: PayloadWrite) => Promise<void>;

  constructor(sql: FastSql) {
    const find = groupCalls(async (keys: readonly { model: string; id: string }[]) => {
      const rows = await sql.query<PayloadRow>(
        `SELECT model, id, payload, expires_at, consumed_at FROM oidc_payload
         WHERE model = ANY($1::text[]) AND id = ANY($2::text[])`,
        [[...new Set(keys.map((key) => key.model))], [...new Set(keys.map((key) => key.id))]],
      );
      const found = new Map(rows.map((row) => [`${row.model}\u0000${row.id}`, row]));
      return keys.map((key) => found.get(`${key.model}\u0000${key.id}`));
    });
    this.find = (model, id) => find({ model, id });
    this.write = groupCalls(async (writes: readonly PayloadWrite[]) => {
      // One row per (model, id): of two writes of the same artifact in a batch, the later one stands.
      const rows = [...new Map(writes.map((row) => [`${row.model}\u0000${row.id}`, row])).values()];
      await sql.execute(
        `INSERT INTO oidc_payload (model, id, payload, grant_id, uid, user_code, expires_at)
         SELECT model, id, payload::jsonb, grant_id, uid, user_code, expires_at::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS r(model, id, payload, grant_id, uid, user_code, expires_at)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           uid = EXCLUDED.uid, user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`,
        [
          rows.map((row) => row.model),
          rows.map((row) => row.id),
          rows.map((row) => row.payload),
          rows.map((row) => row.grantId),
          rows.map((row) => row.uid),
          rows.map((row) => row.userCode),
          rows.map((row) => row.expiresAt),
        ],
      );
      return writes.map(() => undefined);
    });
  }
}

export class PrismaOidcAdapter implements Adapter {
  readonly #model: string;
  readonly #prisma: PrismaClient;
  readonly #payloads: OidcPayloads;
  readonly #clients: ClientStore;

  constructor(model: string, prisma: PrismaClient, payloads: OidcPayloads, clients: ClientStore) {
    this.#model = model;
    this.#prisma = prisma;
    this.#payloads = payloads;
    this.#clients = clients;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.#model === 'ReplayDetection') return;
    if (this.#model === 'Client') {
      await this.#clients.register(id, payload);
      return;
    }
    const data = {
      payload: payload as Prisma.InputJsonObject,
      // A grant is filed under its own id, so revoking it removes the grant with its tokens.
      grantId: this.#model === 'Grant' ? id : GRANTABLE.has(this.#model) ? (payload.grantId ?? null) : null,
      uid: payload.uid ?? null,
      userCode: payload.userCode ?? null,
      expiresAt: expiry(expiresIn),
    };
    // Every token and code is written here: hand-written SQL, grouped (OidcPayloads).
    await this.#payloads.write({
      model: this.#model,
      id,
      payload: JSON.stringify(data.payload),
      grantId: data.grantId,
      uid: data.uid,
      userCode: data.userCode,
      expiresAt: data.expiresAt?.toISOString() ?? null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.#model === 'ReplayDetection') return undefined;
    if (this.#model === 'Client') return this.#clients.find(id);
    const row = await this.#payloads.find(this.#model, id);
    if (!row || (row.expires_at && new Date(row.expires_at).getTime() <= Date.now())) return undefined;
    const payload = jsonColumn<AdapterPayload>(row.payload);
    return row.consumed_at
      ? { ...payload, consumed: Math.floor(new Date(row.consumed_at).getTime() / 1000) }
      : payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const row = await this.#prisma.oidcPayload.findFirst({ where: { model: this.#model, uid } });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
    return toPayload(row);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const row = await this.#prisma.oidcPayload.findFirst({ where: { model: this.#model, userCode } });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
    return toPayload(row);
  }

  /**
   * Marks a single-use artifact (code, rotated refresh token) as used. A conditional update, so of two
   * concurrent redemptions exactly one wins; the loser gets invalid_grant and the grant is revoked, as a
   * replayed code must take down every token it produced.
   */
  async consume(id: string): Promise<void> {
    const { count } = await this.#prisma.oidcPayload.updateMany({
      where: { model: this.#model, id, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    if (count === 1) return;
    const row = await this.#prisma.oidcPayload.findUnique({
      where: { model_id: { model: this.#model, id } },
    });
    if (row?.grantId) await revokeGrant(this.#prisma, row.grantId);
    throw new errors.InvalidGrant(
      `${this.#model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`,
    );
  }

  async destroy(id: string): Promise<void> {
    if (this.#model === 'ReplayDetection') return;
    if (this.#model === 'Client') {
      await this.#clients.remove(id);
      return;
    }
    await this.#prisma.oidcPayload.deleteMany({ where: { model: this.#model, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await revokeGrant(this.#prisma, grantId);
  }
}

/** Removes a grant and every token issued under it, whatever their model. */
export async function revokeGrant(prisma: PrismaClient, grantId: string): Promise<void> {
  await prisma.oidcPayload.deleteMany({ where: { grantId } });
}

/** Deletes expired artifacts and replay records; safe to run from every instance. */
export async function sweepExpired(prisma: PrismaClient, graceSeconds = 60): Promise<number> {
  const before = new Date(Date.now() - graceSeconds * 1000);
  const [payloads, jtis] = await prisma.$transaction([
    prisma.oidcPayload.deleteMany({ where: { expiresAt: { lt: before } } }),
    prisma.clientAssertionJti.deleteMany({ where: { expiresAt: { lt: before } } }),
  ]);
  return payloads.count + jtis.count;
}

/** Removes the stored registration initial access tokens other than those given. */
export async function forgetInitialAccessTokensBut(
  prisma: PrismaClient,
  kept: readonly string[],
): Promise<void> {
  await prisma.oidcPayload.deleteMany({ where: { model: 'InitialAccessToken', id: { notIn: [...kept] } } });
}
