import { dateColumn, type FastSql, groupCalls, jsonColumn, type SqlRunner } from '@openpas/db';
import { KNOWN_ADDRESS_MEMORY_SECONDS, PAIR_MEMORY_SECONDS } from './sign-in-throttle.ts';

// oidc_payload: oidc-provider's storage, one row per (model, id) with the lookup columns it needs (grant id,
// uid, user code, expiry, consumption). The per-request reads and writes (every token request and
// introspection) are hand-written SQL grouped across concurrent requests (groupCalls): many lookups in one
// SELECT, many tokens in one INSERT; each caller still waits for its own statement, so a token is stored
// before it is handed out.

export type Payload = Record<string, unknown>;

export interface PayloadRecord {
  model: string;
  id: string;
  payload: Payload;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
  expiresAt: Date | null;
  consumedAt: Date | null;
}

export type PayloadWrite = Omit<PayloadRecord, 'consumedAt'>;

export interface HeldGrant {
  grantId: string;
  clientId: string;
  grantedAt: Date;
}

interface Row extends Record<string, unknown> {
  model: string;
  id: string;
  payload: unknown;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: unknown;
  consumed_at: unknown;
}

const key = (model: string, id: string) => `${model}\u0000${id}`;

function recordOf(row: Row): PayloadRecord {
  return {
    model: row.model,
    id: row.id,
    payload: jsonColumn<Payload>(row.payload),
    grantId: row.grant_id,
    uid: row.uid,
    userCode: row.user_code,
    expiresAt: row.expires_at === null ? null : dateColumn(row.expires_at),
    consumedAt: row.consumed_at === null ? null : dateColumn(row.consumed_at),
  };
}

const COLUMNS = 'model, id, payload, grant_id, uid, user_code, expires_at, consumed_at';

export class OidcPayloadStore {
  readonly #sql: SqlRunner;
  readonly #find: (key: { model: string; id: string }) => Promise<Row | undefined>;
  readonly #write: (row: PayloadWrite) => Promise<void>;

  constructor(sql: SqlRunner) {
    this.#sql = sql;
    this.#find = groupCalls(async (keys: readonly { model: string; id: string }[]) => {
      const rows = await sql.query<Row>(
        `SELECT ${COLUMNS} FROM oidc_payload
         WHERE model = ANY($1::text[]) AND id = ANY($2::text[])`,
        [[...new Set(keys.map((item) => item.model))], [...new Set(keys.map((item) => item.id))]],
      );
      const found = new Map(rows.map((row) => [key(row.model, row.id), row]));
      return keys.map((item) => found.get(key(item.model, item.id)));
    });
    this.#write = groupCalls(async (writes: readonly PayloadWrite[]) => {
      // One row per (model, id): of two writes of the same artifact in a batch, the later one stands.
      const rows = [...new Map(writes.map((row) => [key(row.model, row.id), row])).values()];
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
          rows.map((row) => JSON.stringify(row.payload)),
          rows.map((row) => row.grantId),
          rows.map((row) => row.uid),
          rows.map((row) => row.userCode),
          rows.map((row) => row.expiresAt?.toISOString() ?? null),
        ],
      );
      return writes.map(() => undefined);
    });
  }

  /** The row of (model, id), expired or not: the caller decides what expiry means. */
  async find(model: string, id: string): Promise<PayloadRecord | undefined> {
    const row = await this.#find({ model, id });
    return row ? recordOf(row) : undefined;
  }

  /** Inserts or replaces the row of (model, id). */
  async write(row: PayloadWrite): Promise<void> {
    await this.#write(row);
  }

  async findByUid(model: string, uid: string): Promise<PayloadRecord | undefined> {
    const [row] = await this.#sql.query<Row>(
      `SELECT ${COLUMNS} FROM oidc_payload WHERE model = $1 AND uid = $2 LIMIT 1`,
      [model, uid],
    );
    return row ? recordOf(row) : undefined;
  }

  async findByUserCode(model: string, userCode: string): Promise<PayloadRecord | undefined> {
    const [row] = await this.#sql.query<Row>(
      `SELECT ${COLUMNS} FROM oidc_payload WHERE model = $1 AND user_code = $2 LIMIT 1`,
      [model, userCode],
    );
    return row ? recordOf(row) : undefined;
  }

  /**
   * Marks a single-use artifact as used: a conditional update, so of any number of concurrent
   * redemptions exactly one is told `first`. The others learn the artifact's grant, to revoke it.
   */
  async consume(
    model: string,
    id: string,
  ): Promise<{ first: true } | { first: false; grantId: string | null }> {
    const count = await this.#sql.execute(
      `UPDATE oidc_payload SET consumed_at = $3::timestamptz
       WHERE model = $1 AND id = $2 AND consumed_at IS NULL`,
      [model, id, new Date().toISOString()],
    );
    if (count === 1) return { first: true };
    const [row] = await this.#sql.query<{ grant_id: string | null }>(
      'SELECT grant_id FROM oidc_payload WHERE model = $1 AND id = $2',
      [model, id],
    );
    return { first: false, grantId: row?.grant_id ?? null };
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.#sql.execute('DELETE FROM oidc_payload WHERE model = $1 AND id = $2', [model, id]);
  }

  /** Removes a grant and every row filed under it (tokens, codes, its SMART context), whatever the model. */
  async revokeGrant(grantId: string): Promise<void> {
    await this.#sql.execute('DELETE FROM oidc_payload WHERE grant_id = $1', [grantId]);
  }

  /** Removes the rows of a model other than those given (e.g. registration tokens taken off the list). */
  async keepOnly(model: string, ids: readonly string[]): Promise<void> {
    // An empty list keeps nothing: NOT (id = ANY('{}')) holds for every row of the model.
    await this.#sql.execute('DELETE FROM oidc_payload WHERE model = $1 AND NOT (id = ANY($2::text[]))', [
      model,
      [...ids],
    ]);
  }

  /** The live grants an account gave, newest first. */
  async grantsOfAccount(accountId: string): Promise<HeldGrant[]> {
    const rows = await this.#sql.query<{ id: string; payload: unknown }>(
      `SELECT id, payload FROM oidc_payload
       WHERE model = 'Grant' AND payload -> 'accountId' = to_jsonb($1::text)
         AND (expires_at IS NULL OR expires_at > $2::timestamptz)`,
      [accountId, new Date().toISOString()],
    );
    return rows
      .map((row) => {
        const payload = jsonColumn<{ clientId?: unknown; iat?: unknown }>(row.payload);
        return {
          grantId: row.id,
          clientId: String(payload.clientId),
          grantedAt: new Date(Number(payload.iat ?? 0) * 1000),
        };
      })
      .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime());
  }
}

/**
 * Deletes expired oidc-provider rows and client-assertion replay records, idle sign-in throttle counters
 * and forgotten known addresses; safe from every instance.
 */
export async function sweepExpired(sql: FastSql, graceSeconds = 60): Promise<number> {
  const before = new Date(Date.now() - graceSeconds * 1000);
  // Sign-in throttle counters untouched for a day have nothing left to hold back, and addresses not
  // signed in from for 90 days are no longer known (sign-in-throttle.ts).
  const idle = new Date(Date.now() - PAIR_MEMORY_SECONDS * 1000);
  const forgotten = new Date(Date.now() - KNOWN_ADDRESS_MEMORY_SECONDS * 1000);
  return sql.transaction(async (tx) => {
    const payloads = await tx.execute('DELETE FROM oidc_payload WHERE expires_at < $1::timestamptz', [
      before.toISOString(),
    ]);
    const jtis = await tx.execute('DELETE FROM client_assertion_jti WHERE expires_at < $1::timestamptz', [
      before.toISOString(),
    ]);
    const counters = await tx.execute('DELETE FROM sign_in_throttle WHERE updated_at < $1::timestamptz', [
      idle.toISOString(),
    ]);
    const addresses = await tx.execute(
      'DELETE FROM sign_in_known_address WHERE last_seen_at < $1::timestamptz',
      [forgotten.toISOString()],
    );
    // Launch values live minutes (LAUNCH_TTL_SECONDS); used or not, an expired one is of no use to anyone.
    const launches = await tx.execute('DELETE FROM launch_context WHERE expires_at < $1::timestamptz', [
      before.toISOString(),
    ]);
    return payloads + jtis + counters + addresses + launches;
  });
}
