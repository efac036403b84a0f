import { CompactSign, calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { ASSERTION_ALGS } from './algorithms.ts';
import { hasSecretMembers, publicJwkOf } from './jwk.ts';
import { generateKeyPair } from './key-pair.ts';
import { keyFitsAlg } from './key-selection.ts';

describe('generateKeyPair', () => {
  it.each(ASSERTION_ALGS)('makes a %s pair whose kid is the RFC 7638 thumbprint', async (alg) => {
    const { privateJwk, publicJwk } = await generateKeyPair(alg);
    expect(publicJwk.kid).toBe(await calculateJwkThumbprint(publicJwk, 'sha256'));
    expect(privateJwk.kid).toBe(publicJwk.kid);
    expect([privateJwk.alg, privateJwk.use, publicJwk.alg, publicJwk.use]).toEqual([alg, 'sig', alg, 'sig']);
    expect(hasSecretMembers(privateJwk)).toBe(true);
    expect(hasSecretMembers(publicJwk)).toBe(false);
    expect(privateJwk).not.toHaveProperty('key_ops');
    expect(privateJwk).not.toHaveProperty('ext');
    expect(keyFitsAlg(publicJwk, alg)).toBe(true);

    const signed = await new CompactSign(new TextEncoder().encode('hi'))
      .setProtectedHeader({ alg })
      .sign(await importJWK(privateJwk, alg));
    await expect(compactVerify(signed, await importJWK(publicJwk, alg))).resolves.toBeDefined();
  });

  it('refuses algs outside the allowlist and short RSA moduli', async () => {
    await expect(generateKeyPair('HS256' as never)).rejects.toThrow(TypeError);
    await expect(generateKeyPair('RS256', { modulusLength: 1024 })).rejects.toThrow(RangeError);
  });
});

describe('publicJwkOf', () => {
  it('strips every private member of RSA and EC keys and keeps kid, alg and use', async () => {
    const rsa = await generateKeyPair('RS384');
    expect(publicJwkOf(rsa.privateJwk)).toEqual({
      kty: 'RSA',
      n: rsa.privateJwk.n,
      e: rsa.privateJwk.e,
      kid: rsa.privateJwk.kid,
      alg: 'RS384',
      use: 'sig',
    });
    const ec = await generateKeyPair('ES384');
    expect(Object.keys(publicJwkOf({ ...ec.privateJwk, key_ops: ['sign'] })).sort()).toEqual(
      ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'].sort(),
    );
  });

  it('refuses a symmetric key, which has no public half', () => {
    expect(() => publicJwkOf({ kty: 'oct', k: 'c2VjcmV0' })).toThrow(TypeError);
  });
});
