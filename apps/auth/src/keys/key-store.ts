import type { Prisma, PrismaClient } from '@openpas/db';
import { type JWK, KEYRING_FORMAT, KeyRing, type SigningAlg } from '@openpas/jwt';

// The server's signing keys live in signing_key so that every instance signs and publishes the same set
// and tokens outlive restarts. The first instance to start on an empty database creates them, under an
// advisory lock so two instances starting together do not both do it.
const KEY_CREATION_LOCK = 7_370_461_718;

/** RS256 signs id_tokens (SMART requires it); access tokens are opaque. */
export const SIGNING_ALGS: readonly SigningAlg[] = ['RS256'];

function ringOf(
  rows: { kid: string; alg: string; privateJwk: Prisma.JsonValue; createdAt: Date; retiredAt: Date | null }[],
) {
  return KeyRing.fromJSON({
    format: KEYRING_FORMAT,
    revision: rows.length,
    keys: rows.map((row) => ({
      kid: row.kid,
      alg: row.alg as SigningAlg,
      status: row.retiredAt ? 'retired' : 'active',
      createdAt: row.createdAt.toISOString(),
      ...(row.retiredAt ? { retiredAt: row.retiredAt.toISOString() } : {}),
      privateJwk: row.privateJwk as JWK,
    })),
  });
}

/** Loads the key ring, creating the first key of each algorithm when there is none yet. */
export async function loadKeyRing(prisma: PrismaClient): Promise<KeyRing> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK}::bigint)`;
    let rows = await tx.signingKey.findMany({ orderBy: { createdAt: 'asc' } });
    for (const alg of SIGNING_ALGS) {
      if (rows.some((row) => row.alg === alg && !row.retiredAt)) continue;
      await createSigningKey(tx, alg);
      rows = await tx.signingKey.findMany({ orderBy: { createdAt: 'asc' } });
    }
    return ringOf(rows);
  });
}

async function createSigningKey(prisma: Prisma.TransactionClient, alg: SigningAlg): Promise<string> {
  const [entry] = (await KeyRing.create([alg])).toJSON().keys;
  if (!entry) throw new Error(`could not create a ${alg} signing key`);
  await prisma.signingKey.create({
    data: {
      kid: entry.kid,
      alg,
      privateJwk: entry.privateJwk as Prisma.InputJsonObject,
      createdAt: new Date(entry.createdAt),
    },
  });
  return entry.kid;
}

/** Adds a new signing key for `alg`; it signs from the next start of each instance, old keys keep verifying. */
export function rotateSigningKey(prisma: PrismaClient, alg: SigningAlg): Promise<string> {
  return createSigningKey(prisma, alg);
}
