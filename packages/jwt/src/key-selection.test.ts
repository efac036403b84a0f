import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyPairJwks } from './key-pair.ts';
import { keyFitsAlg, selectVerificationKey } from './key-selection.ts';
import { keyPair } from './test-fixtures.ts';

let rsa: KeyPairJwks;
let p256: KeyPairJwks;
let p384: KeyPairJwks;

beforeAll(async () => {
  [rsa, p256, p384] = await Promise.all([keyPair('RS256'), keyPair('ES256'), keyPair('ES384')]);
});

const bare = (pair: KeyPairJwks, kid = 'k') => ({ ...pair.publicJwk, alg: undefined, use: undefined, kid });

describe('keyFitsAlg', () => {
  it('matches RSA keys to RS256 and RS384 and EC keys to the curve of their alg', () => {
    expect(keyFitsAlg(bare(rsa), 'RS256')).toBe(true);
    expect(keyFitsAlg(bare(rsa), 'RS384')).toBe(true);
    expect(keyFitsAlg(bare(rsa), 'ES256')).toBe(false);
    expect(keyFitsAlg(bare(p256), 'ES256')).toBe(true);
    expect(keyFitsAlg(bare(p256), 'ES384')).toBe(false);
    expect(keyFitsAlg(bare(p384), 'ES384')).toBe(true);
    expect(keyFitsAlg(bare(p384), 'RS384')).toBe(false);
  });

  it('respects the key own alg, use and key_ops', () => {
    expect(keyFitsAlg({ ...bare(rsa), alg: 'RS384' }, 'RS256')).toBe(false);
    expect(keyFitsAlg({ ...bare(rsa), use: 'enc' }, 'RS256')).toBe(false);
    expect(keyFitsAlg({ ...bare(rsa), key_ops: ['encrypt'] }, 'RS256')).toBe(false);
    expect(keyFitsAlg({ ...bare(rsa), key_ops: ['verify'] }, 'RS256')).toBe(true);
  });

  it('refuses RSA keys shorter than 2048 bits', () => {
    const short = { ...bare(rsa), n: Buffer.alloc(128, 0xff).toString('base64url') };
    expect(keyFitsAlg(short, 'RS256')).toBe(false);
  });
});

describe('selectVerificationKey', () => {
  it('chooses by kid and key type together', () => {
    const keys = [bare(rsa, 'a'), bare(p256, 'a'), bare(p384, 'b')];
    expect(selectVerificationKey(keys, 'a', 'ES256')).toEqual({ ok: true, jwk: keys[1] });
    expect(selectVerificationKey(keys, 'a', 'RS256')).toEqual({ ok: true, jwk: keys[0] });
  });

  it('reports unknown_kid, key_type_mismatch and ambiguous_kid', () => {
    const keys = [bare(rsa, 'a'), bare(rsa, 'a'), bare(p256, 'b')];
    expect(selectVerificationKey(keys, 'zz', 'RS256')).toEqual({ ok: false, code: 'unknown_kid' });
    expect(selectVerificationKey(keys, 'b', 'ES384')).toEqual({ ok: false, code: 'key_type_mismatch' });
    expect(selectVerificationKey(keys, 'a', 'RS256')).toEqual({ ok: false, code: 'ambiguous_kid' });
  });

  it('never matches a key without kid', () => {
    expect(selectVerificationKey([{ ...bare(rsa), kid: undefined }], '', 'RS256')).toEqual({
      ok: false,
      code: 'unknown_kid',
    });
  });
});
