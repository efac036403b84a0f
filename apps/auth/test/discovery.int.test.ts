import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';

const targets = await testTargets();
const [embedded] = targets;

describe('discovery and operations', () => {
  let db: Database;
  let server: RunningAuth;

  beforeAll(async () => {
    if (!embedded) throw new Error('no embedded database target');
    db = await embedded.open();
    server = await startAuth(db);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    for (const target of targets) await target.dispose();
  });

  it('publishes an OpenID configuration with RS256 id_tokens and the SMART endpoints', async () => {
    const response = await fetch(`${server.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: server.issuer,
      authorization_endpoint: `${server.issuer}/auth`,
      token_endpoint: `${server.issuer}/token`,
      jwks_uri: `${server.issuer}/jwks`,
      introspection_endpoint: `${server.issuer}/token/introspection`,
      revocation_endpoint: `${server.issuer}/token/revocation`,
      registration_endpoint: `${server.issuer}/reg`,
    });
    expect(doc.id_token_signing_alg_values_supported).toContain('RS256');
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.token_endpoint_auth_signing_alg_values_supported).toEqual(
      expect.arrayContaining(['RS384', 'ES384']),
    );
  });

  it('publishes an RSA key with a kid and no private members', async () => {
    const { keys } = (await (await fetch(`${server.issuer}/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    const rsa = keys.find((key) => key.kty === 'RSA');
    expect(rsa?.kid).toBeTruthy();
    for (const key of keys)
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key[member]).toBeUndefined();
  });

  it('serves the SMART configuration with CORS, and it agrees with the OpenID one', async () => {
    const response = await fetch(`${server.issuer}/.well-known/smart-configuration`, {
      headers: { origin: 'https://app.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const smart = (await response.json()) as Record<string, unknown>;
    const oidc = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    for (const field of [
      'issuer',
      'jwks_uri',
      'authorization_endpoint',
      'token_endpoint',
      'introspection_endpoint',
      'revocation_endpoint',
      'registration_endpoint',
    ]) {
      expect(smart[field]).toBe(oidc[field]);
    }
    expect(smart.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${server.issuer}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.issuer}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('sends security headers and a request id with every response', async () => {
    const response = await fetch(`${server.issuer}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-request-id')).toBe('abc-123');
  });
});
