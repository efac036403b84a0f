/**
 * The only JWS algorithms this package ever signs with or accepts: RSASSA-PKCS1-v1_5 and ECDSA with
 * SHA-256/384, as SMART Backend Services requires (RS384, ES384) and allows (RS256, ES256).
 * `none`, every HS* (shared-secret) algorithm and anything else is refused before a key is looked at.
 */
export const ASSERTION_ALGS = ['RS384', 'ES384', 'RS256', 'ES256'] as const;

/** One of {@link ASSERTION_ALGS}. Our own tokens (access tokens, the key ring) use the same set. */
export type SigningAlg = (typeof ASSERTION_ALGS)[number];

export function isSigningAlg(value: unknown): value is SigningAlg {
  return typeof value === 'string' && (ASSERTION_ALGS as readonly string[]).includes(value);
}

/** The JWK key type and, for EC, the curve that an algorithm needs. */
export function keyTypeFor(alg: SigningAlg): { kty: 'RSA' } | { kty: 'EC'; crv: 'P-256' | 'P-384' } {
  switch (alg) {
    case 'RS256':
    case 'RS384':
      return { kty: 'RSA' };
    case 'ES256':
      return { kty: 'EC', crv: 'P-256' };
    case 'ES384':
      return { kty: 'EC', crv: 'P-384' };
  }
}

/** RSA keys shorter than this (in bits) are not accepted for verification or generated for signing. */
export const MIN_RSA_MODULUS_BITS = 2048;
