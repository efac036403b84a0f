import { calculateJwkThumbprint, exportJWK, type JWK, generateKeyPair as joseGenerateKeyPair } from 'jose';
import { isSigningAlg, MIN_RSA_MODULUS_BITS, type SigningAlg } from './algorithms.ts';
import { publicJwkOf } from './jwk.ts';

export interface KeyPairJwks {
  /** Private JWK with `kid`, `alg` and `use: 'sig'`: keep it secret. */
  readonly privateJwk: JWK;
  /** The public half with the same `kid`, `alg` and `use`, fit for a JWK Set. */
  readonly publicJwk: JWK;
}

export interface GenerateKeyPairOptions {
  /** RSA modulus length in bits; 2048 by default (3072 and 4096 are fine too). */
  readonly modulusLength?: number;
}

/**
 * Generates a signing key pair for one of the allowed algorithms. The `kid` is the RFC 7638 SHA-256
 * thumbprint of the public key, so the same key always has the same kid.
 */
export async function generateKeyPair(
  alg: SigningAlg,
  options: GenerateKeyPairOptions = {},
): Promise<KeyPairJwks> {
  if (!isSigningAlg(alg)) throw new TypeError('alg must be one of RS384, ES384, RS256, ES256');
  const modulusLength = options.modulusLength ?? MIN_RSA_MODULUS_BITS;
  if (!Number.isInteger(modulusLength) || modulusLength < MIN_RSA_MODULUS_BITS || modulusLength % 8 !== 0) {
    throw new RangeError(`modulusLength must be a multiple of 8 of at least ${MIN_RSA_MODULUS_BITS}`);
  }
  const pair = await joseGenerateKeyPair(alg, { extractable: true, modulusLength });
  const exported = await exportJWK(pair.privateKey);
  const kid = await calculateJwkThumbprint(publicJwkOf(exported), 'sha256');
  // WebCrypto's `ext` and `key_ops` describe the CryptoKey we exported from, not the key itself.
  const members = Object.entries(exported).filter(([name]) => name !== 'ext' && name !== 'key_ops');
  const privateJwk: JWK = { ...Object.fromEntries(members), kid, alg, use: 'sig' };
  return { privateJwk, publicJwk: publicJwkOf(privateJwk) };
}
