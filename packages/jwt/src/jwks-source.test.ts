import { describe, expect, it } from 'vitest';
import { JwksError, type JwksErrorCode } from './errors.ts';
import { parseJwks, StaticJwks } from './jwks-source.ts';
import { keyPair } from './test-fixtures.ts';

function codeOf(action: () => unknown): JwksErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof JwksError) return error.code;
    throw error;
  }
  return undefined;
}

describe('parseJwks and StaticJwks', () => {
  it('keeps the public keys of a JWK Set, frozen', async () => {
    const { publicJwk } = await keyPair('ES256');
    const source = new StaticJwks({ keys: [publicJwk] });
    const keys = await source.getKeys();
    expect(keys).toEqual([publicJwk]);
    expect(Object.isFrozen(keys[0])).toBe(true);
    expect(keys[0]).not.toBe(publicJwk);
  });

  it('refuses a set with a private key in it', async () => {
    const { publicJwk, privateJwk } = await keyPair('RS256');
    expect(codeOf(() => new StaticJwks({ keys: [publicJwk, privateJwk] }))).toBe('private_key');
  });

  it('refuses symmetric keys and any stray private member', () => {
    expect(codeOf(() => parseJwks({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }))).toBe('private_key');
    expect(codeOf(() => parseJwks({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', p: 'AQAB' }] }))).toBe(
      'private_key',
    );
  });

  it('refuses values that are not JWK Sets', () => {
    for (const value of [
      null,
      [],
      { keys: {} },
      { keys: [null] },
      { keys: [{ kid: 'no-kty' }] },
      { keys: [{ kty: 'EC', kid: 7 }] },
    ]) {
      expect(codeOf(() => parseJwks(value))).toBe('invalid_jwks');
    }
  });
});
