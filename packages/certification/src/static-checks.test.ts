import { generateKeyPair } from '@openpas/jwt';
import { describe, expect, it } from 'vitest';
import { checkJwksKeys } from './backend-checks.ts';
import { checkRedirectUrisHttps } from './web-checks.ts';

describe('the checks that read only the registration', () => {
  it('accepts https and loopback http redirect URIs and refuses any other http', () => {
    const ok = ['https://app.test/cb', 'http://127.0.0.1:8080/cb', 'http://localhost/cb'];
    expect(checkRedirectUrisHttps({ redirectUris: ok }).passed).toBe(true);
    expect(checkRedirectUrisHttps({ redirectUris: [...ok, 'http://app.test/cb'] }).evidence).toEqual({
      code: 'redirectNotHttps',
      values: { uri: 'http://app.test/cb' },
    });
  });

  it('wants a kid and an allowed algorithm on every key', async () => {
    const { publicJwk } = await generateKeyPair('ES384');
    expect(checkJwksKeys({ keys: [publicJwk] }).passed).toBe(true);
    const { kid: _kid, ...noKid } = publicJwk;
    expect(checkJwksKeys({ keys: [publicJwk, noKid] }).evidence).toEqual({
      code: 'keyWithoutKid',
      values: { index: 2, kty: 'EC' },
    });
    expect(checkJwksKeys({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }] }).evidence.code).toBe(
      'keyNoAllowedAlg',
    );
    expect(checkJwksKeys({ keys: [] }).evidence.code).toBe('jwksNoKeys');
  });
});
