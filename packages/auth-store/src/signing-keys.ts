import { type FastSql, intColumn, jsonColumn, type SqlRunner } from '@openpas/db';
import { type JWK, KEYRING_FORMAT, KeyRing, type SigningAlg } from '@openpas/jwt';

// signing_key: the authorization server's signing keys, in the database so that every instance signs and
// publishes the same set and tokens outlive restarts. The first instance to start on an empty database
// creates them, under an advisory lock so two instances starting together do not both do it.

const KEY_CREATION_LOCK = '7370461718';

interface Row extends Record<string, unknown> {
  kid: string;
  alg: string;
  private_jwk: unknown;
  created_ms: unknown;
  retired_ms: unknown;
}

async function readKeys(sql: SqlRunner): Promise<Row[]> {
  return sql.query<Row>(
    `SELECT kid, alg, private_jwk, (extract(epoch FROM created_at) * 1000)::bigint AS created_ms,
            (extract(epoch FROM retired_at) * 1000)::bigint AS retired_ms
     FROM signing_key ORDER BY created_at, kid`,
  );
}

function ringOf(rows: Row[]): KeyRing {
  const iso = (ms: unknown) => new Date(intColumn(ms)).toISOString();
  return KeyRing.fromJSON({
    format: KEYRING_FORMAT,
    revision: rows.length,
    keys: rows.map((row) => {
      const retired = row.retired_ms !== null && row.retired_ms !== undefined;
      return {
        kid: row.kid,
        alg: row.alg as SigningAlg,
        status: retired ? 'retired' : 'active',
        createdAt: iso(row.created_ms),
        ...(retired ? { retiredAt: iso(row.retired_ms) } : {}),
        privateJwk: jsonColumn<JWK>(row.private_jwk),
      };
    }),
  });
}

/** Adds a new signing key for `alg`; it signs from the next start of each instance, old keys keep verifying. */
export async function addSigningKey(sql: SqlRunner, alg: SigningAlg): Promise<string> {
  const [entry] = (await KeyRing.create([alg])).toJSON().keys;
  if (!entry) throw new Error(`could not create a ${alg} signing key`);
  await sql.execute(
    `INSERT INTO signing_key (kid, alg, private_jwk, created_at) VALUES ($1, $2, $3::jsonb, $4::timestamptz)`,
    [entry.kid, alg, JSON.stringify(entry.privateJwk), entry.createdAt],
  );
  return entry.kid;
}

/** Loads the key ring, creating the first key of each algorithm in `algs` that has no active key yet. */
export async function loadKeyRing(sql: FastSql, algs: readonly SigningAlg[]): Promise<KeyRing> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', [KEY_CREATION_LOCK]);
    let rows = await readKeys(tx);
    for (const alg of algs) {
      if (rows.some((row) => row.alg === alg && (row.retired_ms === null || row.retired_ms === undefined))) {
        continue;
      }
      await addSigningKey(tx, alg);
      rows = await readKeys(tx);
    }
    return ringOf(rows);
  });
}
