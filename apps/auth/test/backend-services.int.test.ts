import { decideClient } from '@openpas/auth-store';
import { type Database, openFastSql } from '@openpas/db';
import { readSandboxPrivateKey } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion, generateKeyPair, type JWK, type SigningAlg } from '@openpas/jwt';
import { importJWK } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, hmacWithPublicKey, signed, tampered, unsigned } from './bad-assertions.ts';
import { type RunningAuth, seedSandboxClients, startAuth } from './harness.ts';
import { ASSERTION_TYPE, assertionForm, postForm, registerBackendClient } from './token-requests.ts';

const targets = await testTargets();
const HOSPITAL = 'sandbox-hospital-backend';
const SCOPES = 'system/Bundle.crs system/ClaimResponse.rs';

describe.each(targets)('backend services on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  const hospitalKey = readSandboxPrivateKey('hospital-backend.private.jwk.json');
  const keys: Partial<Record<SigningAlg, JWK>> = {};

  async function assertion(clientId = HOSPITAL, key: JWK = hospitalKey) {
    return createClientAssertion({ clientId, audience: server.tokenEndpoint, key });
  }

  async function token(scope = SCOPES, clientId = HOSPITAL, key: JWK = hospitalKey) {
    return postForm(server.tokenEndpoint, assertionForm(await assertion(clientId, key), scope));
  }

  async function accessToken(scope = SCOPES): Promise<string> {
    const reply = await token(scope);
    expect(reply.status).toBe(200);
    return String(reply.body.access_token);
  }

  async function introspect(value: string) {
    return postForm(server.introspectionEndpoint, {
      token: value,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(),
    });
  }

  beforeAll(async () => {
    db = await target.open();
    await seedSandboxClients(db);
    for (const alg of ['RS384', 'ES384', 'RS256', 'ES256'] as const) {
      keys[alg] = await registerBackendClient(db, `client-${alg.toLowerCase()}`, alg);
    }
    await registerBackendClient(db, 'client-pending', 'ES384', { status: 'pending' });
    await registerBackendClient(db, 'client-rejected', 'ES384', {
      status: 'rejected',
      reason: 'no BAA on file',
    });
    await registerBackendClient(db, 'client-suspended', 'ES384', {
      status: 'suspended',
      reason: 'key leaked',
    });
    server = await startAuth(db);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await target.dispose();
  });

  describe('a client we did not write (openid-client)', () => {
    it('obtains a token with a private_key_jwt assertion and introspects it', async () => {
      const config = await client.discovery(
        new URL(server.issuer),
        HOSPITAL,
        { token_endpoint_auth_signing_alg: 'ES384' },
        client.PrivateKeyJwt({
          key: (await importJWK(hospitalKey, 'ES384')) as client.CryptoKey,
          kid: String(hospitalKey.kid),
        }),
        { execute: [client.allowInsecureRequests] },
      );
      const tokens = await client.clientCredentialsGrant(config, { scope: SCOPES });
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.scope).toBe(SCOPES);
      expect(tokens.expires_in).toBeGreaterThan(0);
      expect(tokens.expires_in).toBeLessThanOrEqual(300);
      const info = await client.tokenIntrospection(config, tokens.access_token);
      expect(info).toMatchObject({
        active: true,
        client_id: HOSPITAL,
        scope: SCOPES,
        sub: HOSPITAL,
        iss: server.issuer,
        token_type: 'Bearer',
      });
      expect(typeof info.exp).toBe('number');
      expect(typeof info.iat).toBe('number');
    });
  });

  describe('client assertions', () => {
    it.each(['RS384', 'ES384', 'RS256', 'ES256'] as const)(
      'accepts a hand-built %s assertion',
      async (alg) => {
        const key = keys[alg] as JWK;
        const reply = await token('system/Bundle.crs', `client-${alg.toLowerCase()}`, key);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ token_type: 'Bearer', scope: 'system/Bundle.crs' });
        expect(typeof reply.body.expires_in).toBe('number');
      },
    );

    it('accepts the issuer as the assertion audience too', async () => {
      const key = hospitalKey;
      const reply = await postForm(
        server.tokenEndpoint,
        assertionForm(await signed(key, claimsFor(HOSPITAL, server.issuer)), SCOPES),
      );
      expect(reply.status).toBe(200);
    });

    it('answers with Cache-Control: no-store and Pragma: no-cache', async () => {
      const reply = await token();
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('pragma')).toBe('no-cache');
    });

    const refusals: [string, () => Promise<string>, RegExp][] = [
      [
        'alg: none',
        async () => unsigned(String(hospitalKey.kid), claimsFor(HOSPITAL, server.tokenEndpoint)),
        /client authentication failed/,
      ],
      [
        'HS256 signed with the public key',
        async () => hmacWithPublicKey(hospitalKey, claimsFor(HOSPITAL, server.tokenEndpoint)),
        /client authentication failed/,
      ],
      [
        'a tampered payload (bad signature)',
        async () => tampered(hospitalKey, claimsFor(HOSPITAL, server.tokenEndpoint)),
        /client authentication failed/,
      ],
      [
        'a wrong aud',
        async () => signed(hospitalKey, claimsFor(HOSPITAL, 'https://elsewhere.example/token')),
        /aud/,
      ],
      [
        'an exp more than 5 minutes ahead',
        async () =>
          signed(
            hospitalKey,
            claimsFor(HOSPITAL, server.tokenEndpoint, { exp: Math.floor(Date.now() / 1000) + 600 }),
          ),
        /5 minutes/,
      ],
      [
        'an exp in the past',
        async () =>
          signed(
            hospitalKey,
            claimsFor(HOSPITAL, server.tokenEndpoint, {
              exp: Math.floor(Date.now() / 1000) - 60,
              iat: Math.floor(Date.now() / 1000) - 120,
            }),
          ),
        /client authentication failed/,
      ],
      [
        'an iat an hour in the future',
        async () =>
          signed(
            hospitalKey,
            claimsFor(HOSPITAL, server.tokenEndpoint, { iat: Math.floor(Date.now() / 1000) + 3600 }),
          ),
        /^client assertion iat is in the future \(beyond the allowed clock skew\)$/,
      ],
      [
        'an iat a year old (and a fresh exp)',
        async () =>
          signed(
            hospitalKey,
            claimsFor(HOSPITAL, server.tokenEndpoint, {
              iat: Math.floor(Date.now() / 1000) - 365 * 24 * 3600,
            }),
          ),
        /^client assertion iat is more than 300 seconds in the past: assertions must be freshly made$/,
      ],
      // RFC 7523 names the client by sub, so a foreign sub means an unknown client.
      [
        'sub different from iss',
        async () => signed(hospitalKey, claimsFor(HOSPITAL, server.tokenEndpoint, { sub: 'someone-else' })),
        /client not found/,
      ],
      [
        'iss that is not the client',
        async () =>
          signed(
            hospitalKey,
            claimsFor(HOSPITAL, server.tokenEndpoint, { iss: 'sandbox-hospital-b-backend' }),
          ),
        /client authentication failed/,
      ],
      [
        'an unknown kid',
        async () => signed(hospitalKey, claimsFor(HOSPITAL, server.tokenEndpoint), { kid: 'no-such-key' }),
        /client authentication failed/,
      ],
      [
        'a key of another alg than the registered one',
        async () => {
          const { privateJwk } = await generateKeyPair('ES256');
          return signed({ ...privateJwk, kid: hospitalKey.kid }, claimsFor(HOSPITAL, server.tokenEndpoint));
        },
        /client authentication failed/,
      ],
      [
        'an alg outside the allowlist (PS256)',
        async () => {
          const { privateJwk } = await generateKeyPair('RS256');
          return signed(
            { ...privateJwk, alg: 'PS256', kid: hospitalKey.kid },
            claimsFor(HOSPITAL, server.tokenEndpoint),
          );
        },
        /client authentication failed/,
      ],
    ];

    it.each(refusals)(
      'refuses an assertion with %s: 401 invalid_client',
      async (_name, build, description) => {
        const reply = await postForm(server.tokenEndpoint, assertionForm(await build(), SCOPES));
        expect(reply.status).toBe(401);
        expect(reply.body.error).toBe('invalid_client');
        expect(String(reply.body.error_description)).toMatch(description);
      },
    );

    it('refuses a replayed jti', async () => {
      const once = await assertion();
      expect((await postForm(server.tokenEndpoint, assertionForm(once, SCOPES))).status).toBe(200);
      const again = await postForm(server.tokenEndpoint, assertionForm(once, SCOPES));
      expect(again.status).toBe(401);
      expect(again.body).toEqual({
        error: 'invalid_client',
        error_description: 'client assertion jti was already used: assertions are single-use',
      });
    });

    it('accepts one of 20 parallel requests with the same assertion', async () => {
      const once = await assertion();
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => postForm(server.tokenEndpoint, assertionForm(once, SCOPES))),
      );
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      const refused = replies.filter((reply) => reply.status !== 200);
      expect(refused).toHaveLength(19);
      for (const reply of refused) expect(reply.body.error).toBe('invalid_client');
    });

    it('refuses a wrong client_assertion_type', async () => {
      const reply = await postForm(server.tokenEndpoint, {
        ...assertionForm(await assertion(), SCOPES),
        client_assertion_type: 'urn:example:not-a-type',
      });
      expect([400, 401]).toContain(reply.status);
      expect(['invalid_request', 'invalid_client']).toContain(reply.body.error);
    });

    it('answers a grant type it does not know with exactly 400', async () => {
      const reply = await postForm(server.tokenEndpoint, {
        ...assertionForm(await assertion(), SCOPES),
        grant_type: 'not_a_grant_type',
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('unsupported_grant_type');
    });
  });

  describe('clients that are not approved', () => {
    it.each([
      ['client-pending', /pending review/],
      ['client-rejected', /rejected by an OpenPAS administrator: no BAA on file/],
      ['client-suspended', /suspended by an OpenPAS administrator: key leaked/],
    ])('refuses %s with invalid_client and says why', async (clientId, description) => {
      const { privateJwk } = await generateKeyPair('ES384');
      const reply = await postForm(
        server.tokenEndpoint,
        assertionForm(
          await createClientAssertion({ clientId, audience: server.tokenEndpoint, key: privateJwk }),
          SCOPES,
        ),
      );
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('invalid_client');
      expect(String(reply.body.error_description)).toMatch(description);
    });
  });

  describe('scopes', () => {
    it.each([
      ['system/Bundle.crs system/Observation.rs', 'system/Bundle.crs'],
      ['system/Bundle.c', 'system/Bundle.c'],
      ['system/Bundle.cruds', 'system/Bundle.crs'],
      ['system/*.rs', 'system/Bundle.rs system/ClaimResponse.rs system/Patient.rs'],
      ['system/ClaimResponse.read', 'system/ClaimResponse.read'],
      ['openid launch system/Patient.rs', 'system/Patient.rs'],
    ])('narrows %s to what the client is registered for: %s', async (requested, granted) => {
      const reply = await token(requested);
      expect(reply.status).toBe(200);
      expect(reply.body.scope).toBe(granted);
    });

    it.each([['system/Observation.rs'], ['patient/*.rs'], ['']])(
      'answers invalid_scope when nothing of "%s" remains',
      async (requested) => {
        const reply = await token(requested);
        expect(reply.status).toBe(400);
        expect(reply.body.error).toBe('invalid_scope');
      },
    );
  });

  describe('introspection and revocation', () => {
    it('describes an active token with the granted scope', async () => {
      const value = await accessToken();
      const reply = await introspect(value);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        active: true,
        client_id: HOSPITAL,
        scope: SCOPES,
        token_type: 'Bearer',
      });
    });

    it('answers exactly {"active":false} for an unknown token', async () => {
      const reply = await introspect('not-a-token-we-issued');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ active: false });
    });

    it('answers exactly {"active":false} for a revoked token', async () => {
      const value = await accessToken();
      const revoked = await postForm(server.revocationEndpoint, {
        token: value,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await assertion(),
      });
      expect(revoked.status).toBe(200);
      expect((await introspect(value)).body).toEqual({ active: false });
    });

    it('answers exactly {"active":false} for an expired token', async () => {
      const value = await accessToken();
      const past = Math.floor(Date.now() / 1000) - 10;
      const rows = await db.prisma.oidcPayload.findMany({ where: { model: 'ClientCredentials' } });
      for (const row of rows) {
        const payload = row.payload as Record<string, unknown>;
        await db.prisma.oidcPayload.update({
          where: { model_id: { model: row.model, id: row.id } },
          data: { payload: { ...payload, exp: past } as never },
        });
      }
      expect((await introspect(value)).body).toEqual({ active: false });
    });

    it('never tells another client about a token it did not get', async () => {
      const value = await accessToken();
      const bKey = readSandboxPrivateKey('hospital-b-backend.private.jwk.json');
      const reply = await postForm(server.introspectionEndpoint, {
        token: value,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await assertion('sandbox-hospital-b-backend', bKey),
      });
      expect(reply.body).toEqual({ active: false });
    });

    it('introspects for a Bearer caller holding the introspect permission, and refuses one without it', async () => {
      const key = await registerBackendClient(db, 'resource-server', 'ES256', { scopes: 'introspect' });
      const callerReply = await token('introspect', 'resource-server', key);
      expect(callerReply.body.scope).toBe('introspect');
      const value = await accessToken();
      const reply = await postForm(
        server.introspectionEndpoint,
        { token: value },
        { authorization: `Bearer ${callerReply.body.access_token}` },
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ active: true, client_id: HOSPITAL, scope: SCOPES });
      const withoutPermission = await postForm(
        server.introspectionEndpoint,
        { token: value },
        { authorization: `Bearer ${value}` },
      );
      expect(withoutPermission.status).toBe(401);
      expect(withoutPermission.body.error).toBe('invalid_token');
    });
  });

  describe('administration', () => {
    it('suspending a client kills its live tokens at once', async () => {
      const key = await registerBackendClient(db, 'client-to-suspend', 'ES256');
      const reply = await token('system/Bundle.crs', 'client-to-suspend', key);
      const value = String(reply.body.access_token);
      expect((await introspect(value)).body).toMatchObject({ active: false }); // another client's token
      const sql = await openFastSql(db);
      const result = await decideClient(sql, {
        clientId: 'client-to-suspend',
        decision: 'suspend',
        reason: 'incident 42',
      }).finally(() => sql.close());
      expect(result).toEqual({ status: 'suspended', revoked: 1 });
      expect(
        await db.prisma.oidcPayload.count({
          where: { payload: { path: ['clientId'], equals: 'client-to-suspend' } },
        }),
      ).toBe(0);
      const again = await token('system/Bundle.crs', 'client-to-suspend', key);
      expect(again.status).toBe(401);
      expect(String(again.body.error_description)).toMatch(/suspended.*incident 42/);
    });
  });
});
