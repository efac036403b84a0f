import { CompactSign, type CryptoKey, importJWK, type JWK } from 'jose';
import { isSigningAlg, keyTypeFor, type SigningAlg } from './algorithms.ts';

/** A private key to sign with: a private JWK that carries `kid` and `alg`, or a CryptoKey with both given. */
export type SigningKeyInput =
  | JWK
  | { readonly key: CryptoKey; readonly kid: string; readonly alg: SigningAlg };

export interface SigningKey {
  readonly key: CryptoKey;
  readonly kid: string;
  readonly alg: SigningAlg;
}

/** Checks a signing key (private, kid present, alg allowlisted and fit for the key) and imports it. */
export async function resolveSigningKey(input: SigningKeyInput): Promise<SigningKey> {
  if ('key' in input) {
    const { key, kid, alg } = input;
    if (!isSigningAlg(alg)) throw new TypeError('The signing alg must be one of RS384, ES384, RS256, ES256');
    if (typeof kid !== 'string' || kid.length === 0) throw new TypeError('The signing key needs a kid');
    if (key.type !== 'private') throw new TypeError('The signing key must be a private key');
    return { key, kid, alg };
  }
  const jwk = input;
  if (!isSigningAlg(jwk.alg)) {
    throw new TypeError('The signing JWK alg must be one of RS384, ES384, RS256, ES256');
  }
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new TypeError('The signing JWK needs a kid');
  if (typeof jwk.d !== 'string') throw new TypeError('The signing JWK must be a private key');
  const wanted = keyTypeFor(jwk.alg);
  if (jwk.kty !== wanted.kty || (wanted.kty === 'EC' && jwk.crv !== wanted.crv)) {
    throw new TypeError('The signing JWK key type does not fit its alg');
  }
  const key = (await importJWK(jwk, jwk.alg)) as CryptoKey;
  return { key, kid: jwk.kid, alg: jwk.alg };
}

/** Signs a JSON payload as a compact JWS with the header `{ alg, kid, typ }`. */
export function signCompact(
  payload: Record<string, unknown>,
  signer: SigningKey,
  typ: string,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ })
    .sign(signer.key);
}
