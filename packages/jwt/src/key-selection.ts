import type { JWK } from 'jose';
import { keyTypeFor, MIN_RSA_MODULUS_BITS, type SigningAlg } from './algorithms.ts';

function rsaModulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  const first = bytes[start];
  if (first === undefined) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(first));
}

/**
 * Whether a public JWK may verify signatures made with `alg`: the key type (and curve) must fit the
 * algorithm, RSA moduli must be at least 2048 bits, and the key's own `alg`, `use` and `key_ops`,
 * when present, must allow it.
 */
export function keyFitsAlg(jwk: JWK, alg: SigningAlg): boolean {
  const wanted = keyTypeFor(alg);
  if (jwk.kty !== wanted.kty) return false;
  if (wanted.kty === 'EC') {
    if (jwk.crv !== wanted.crv || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return false;
  } else if (
    typeof jwk.n !== 'string' ||
    typeof jwk.e !== 'string' ||
    rsaModulusBits(jwk.n) < MIN_RSA_MODULUS_BITS
  ) {
    return false;
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')))
    return false;
  return true;
}

export type KeySelection =
  | { readonly ok: true; readonly jwk: JWK }
  | { readonly ok: false; readonly code: 'unknown_kid' | 'ambiguous_kid' | 'key_type_mismatch' };

/**
 * Picks the one key that a token's header names: same `kid` (exact match) and fit for its `alg`.
 * No key with that kid → `unknown_kid`; keys with that kid but none usable with the alg →
 * `key_type_mismatch`; more than one usable key → `ambiguous_kid` (we never try keys in turn).
 */
export function selectVerificationKey(keys: readonly JWK[], kid: string, alg: SigningAlg): KeySelection {
  const named = keys.filter((jwk) => jwk.kid === kid);
  if (named.length === 0) return { ok: false, code: 'unknown_kid' };
  const usable = named.filter((jwk) => keyFitsAlg(jwk, alg));
  const [only, ...rest] = usable;
  if (only === undefined) return { ok: false, code: 'key_type_mismatch' };
  if (rest.length > 0) return { ok: false, code: 'ambiguous_kid' };
  return { ok: true, jwk: only };
}
