import type { JWK } from 'jose';
import { JwksError } from './errors.ts';
import { hasSecretMembers } from './jwk.ts';

/**
 * Where verification keys come from. `kid` is a hint: a source may use it to decide whether to refresh,
 * but callers always filter the answer themselves and must not assume it is narrowed to `kid`.
 * A source that fetches keys (see RemoteJwks) names its `url`, so a `jku` header can be compared with it.
 */
export interface JwksSource {
  getKeys(kid?: string): Promise<readonly JWK[]>;
  readonly url?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a JWK Set (`{ "keys": [...] }`) that should hold public keys only, and returns frozen copies of
 * its keys. Throws {@link JwksError} `invalid_jwks` for anything that is not a JWK Set and `private_key`
 * when any key carries private or symmetric material (such a set has leaked a secret and is refused whole).
 */
export function parseJwks(value: unknown): readonly JWK[] {
  if (!isPlainObject(value) || !Array.isArray(value.keys)) {
    throw new JwksError('invalid_jwks', 'The JWK Set is not an object with a keys array.');
  }
  const keys: JWK[] = [];
  for (const entry of value.keys) {
    if (!isPlainObject(entry) || typeof entry.kty !== 'string') {
      throw new JwksError('invalid_jwks', 'Every key in the JWK Set must be an object with a kty member.');
    }
    if (entry.kid !== undefined && typeof entry.kid !== 'string') {
      throw new JwksError('invalid_jwks', 'A key in the JWK Set has a kid that is not a string.');
    }
    const jwk = structuredClone(entry) as JWK;
    if (hasSecretMembers(jwk)) {
      throw new JwksError(
        'private_key',
        'The JWK Set contains private or symmetric key material and is refused.',
      );
    }
    keys.push(Object.freeze(jwk));
  }
  return Object.freeze(keys);
}

/** A fixed JWK Set, e.g. the one a client registered inline. Checked once, at construction. */
export class StaticJwks implements JwksSource {
  readonly #keys: readonly JWK[];

  /** @param jwks a JWK Set as stored at registration (any value: it is checked with {@link parseJwks}). */
  constructor(jwks: unknown) {
    this.#keys = parseJwks(jwks);
  }

  async getKeys(): Promise<readonly JWK[]> {
    return this.#keys;
  }
}
