import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion, generateKeyPair, type JWK } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';
import { assertionForm, postForm } from './token-requests.ts';

const targets = await testTargets();

describe.each(targets)("fetching a client's jwks_uri on $name", (target) => {
  let db: Database;
  let development: RunningAuth;
  let production: RunningAuth;
  let jwksServer: Server;
  let jwksUri: string;
  let hits = 0;
  let key: JWK;

  async function registerClient(clientId: string, uri: string) {
    await db.prisma.oAuthClient.create({
      data: {
        clientId,
        allowedScopes: 'system/Bundle.crs',
        reviewStatus: 'approved',
        metadata: {
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'ES384',
          jwks_uri: uri,
        },
      },
    });
  }

  async function token(server: RunningAuth, clientId: string) {
    const assertion = await createClientAssertion({ clientId, audience: server.tokenEndpoint, key });
    return postForm(server.tokenEndpoint, assertionForm(assertion, 'system/Bundle.crs'));
  }

  beforeAll(async () => {
    db = await target.open();
    const pair = await generateKeyPair('ES384');
    key = pair.privateJwk;
    jwksServer = createServer((_req, res) => {
      hits += 1;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [pair.publicJwk] }));
    });
    await new Promise<void>((done) => jwksServer.listen(0, '127.0.0.1', done));
    jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    await registerClient('keys-on-loopback', jwksUri);
    await registerClient('keys-at-metadata-service', 'http://169.254.169.254/latest/jwks.json');
    development = await startAuth(db);
    production = await startAuth(db, undefined, {
      NODE_ENV: 'production',
      AUTH_COOKIE_SECRET: 'c'.repeat(40),
      AUTH_REGISTRATION_TOKENS: 'a-long-random-production-registration-token',
    });
  });

  afterAll(async () => {
    await development?.stop();
    await production?.stop();
    await new Promise((done) => jwksServer?.close(done));
    await db?.close();
    await target.dispose();
  });

  it('fetches keys from a loopback jwks_uri outside production (tests and the sandbox)', async () => {
    const reply = await token(development, 'keys-on-loopback');
    expect(reply.status).toBe(200);
    expect(hits).toBe(1);
  });

  it('refuses to fetch from loopback in production, without connecting', async () => {
    const before = hits;
    const reply = await token(production, 'keys-on-loopback');
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe('invalid_client');
    expect(hits).toBe(before);
  });

  it('never fetches from a link-local address (the cloud metadata service), in any mode', async () => {
    for (const server of [development, production]) {
      const started = Date.now();
      const reply = await token(server, 'keys-at-metadata-service');
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('invalid_client');
      // Refused before any connection is tried (no timeout waited for).
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
