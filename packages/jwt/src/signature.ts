import { type CryptoKey, compactVerify, errors, importJWK, type JWK } from 'jose';
import type { SigningAlg } from './algorithms.ts';
import type { FailWith, JwsHeader } from './compact-jws.ts';
import { publicJwkOf } from './jwk.ts';
import type { JwksSource } from './jwks-source.ts';
import { selectVerificationKey } from './key-selection.ts';

/** Imported keys, per JWK object (sources hand out the same frozen objects until they refetch). */
const imported = new WeakMap<JWK, Map<SigningAlg, Promise<CryptoKey>>>();

function importVerificationKey(jwk: JWK, alg: SigningAlg): Promise<CryptoKey> {
  const byAlg = imported.get(jwk) ?? new Map<SigningAlg, Promise<CryptoKey>>();
  imported.set(jwk, byAlg);
  let key = byAlg.get(alg);
  if (key === undefined) {
    // Only the public members are imported, whatever else the JWK carries.
    key = importJWK(publicJwkOf(jwk), alg) as Promise<CryptoKey>;
    key.catch(() => byAlg.delete(alg));
    byAlg.set(alg, key);
  }
  return key;
}

const SELECTION_DESCRIPTIONS = {
  unknown_kid: 'No registered key has the kid named in the token header.',
  ambiguous_kid: 'More than one registered key matches the kid and alg in the token header.',
  key_type_mismatch: 'The key named by kid cannot be used with the alg in the token header.',
} as const;

/**
 * Finds the single key the header names (by kid, then by fit for alg), verifies the signature with
 * exactly that key and alg, and returns the payload as a JSON object. The claims are not checked here.
 */
export async function verifyJwsSignature(
  token: string,
  header: JwsHeader,
  keys: JwksSource,
  fail: FailWith,
): Promise<Record<string, unknown>> {
  let candidates: readonly JWK[];
  try {
    candidates = await keys.getKeys(header.kid);
  } catch (cause) {
    throw fail('jwks_unavailable', 'The signing keys could not be retrieved.', cause);
  }
  const selection = selectVerificationKey(candidates, header.kid, header.alg);
  if (!selection.ok) throw fail(selection.code, SELECTION_DESCRIPTIONS[selection.code]);

  let key: CryptoKey;
  try {
    key = await importVerificationKey(selection.jwk, header.alg);
  } catch (cause) {
    throw fail('key_type_mismatch', SELECTION_DESCRIPTIONS.key_type_mismatch, cause);
  }

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key, { algorithms: [header.alg] }));
  } catch (cause) {
    if (cause instanceof errors.JWSSignatureVerificationFailed) {
      throw fail('bad_signature', 'The token signature does not verify.', cause);
    }
    throw fail('malformed', 'The token is not a valid JWS.', cause);
  }

  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw fail('malformed', 'The token payload is not JSON.', cause);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw fail('malformed', 'The token payload is not a JSON object.');
  }
  return claims as Record<string, unknown>;
}
