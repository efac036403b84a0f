import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';

const targets = await testTargets();
const PRODUCTION_TOKEN = 'a-long-random-production-registration-token';

const webApp = {
  client_name: 'Oncology drug checker',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
  redirect_uris: ['https://app.example/callback'],
  scope: 'openid fhirUser launch/patient patient/*.rs',
};

const backend = {
  client_name: 'Hospital C HIS',
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: 'private_key_jwt',
  jwks_uri: 'https://his.hospital-c.example/.well-known/jwks.json',
  scope: 'system/Bundle.crs system/ClaimResponse.rs',
};

describe.each(targets)('dynamic registration checks client metadata at once, on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  let production: RunningAuth;

  beforeAll(async () => {
    db = await target.open();
    // Registration tokens live in the database and each server keeps only its own list there
    // (provider/registration-tokens.ts): both servers on this one database list the same token.
    server = await startAuth(db, undefined, { AUTH_REGISTRATION_TOKENS: PRODUCTION_TOKEN });
    production = await startAuth(db, undefined, {
      NODE_ENV: 'production',
      AUTH_COOKIE_SECRET: 'c'.repeat(40),
      AUTH_REGISTRATION_TOKENS: PRODUCTION_TOKEN,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await production?.stop();
    await db?.close();
    await target.dispose();
  });

  async function register(metadata: Record<string, unknown>, on: RunningAuth = server) {
    const response = await fetch(`${on.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PRODUCTION_TOKEN}` },
      body: JSON.stringify(metadata),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'an http redirect URI to another host',
      { ...webApp, redirect_uris: ['http://evil.example/cb'] },
      'invalid_redirect_uri',
      /^redirect_uris must use https \(http only for localhost, 127\.0\.0\.1 or \[::1\] outside production\): http:\/\/evil\.example\/cb$/,
    ],
    [
      'a wildcard redirect URI',
      { ...webApp, redirect_uris: ['https://*.evil.example/cb'] },
      'invalid_redirect_uri',
      /^redirect_uris must not contain wildcards/,
    ],
    [
      'a redirect URI with credentials',
      { ...webApp, redirect_uris: ['https://user:secret@app.example/cb'] },
      'invalid_redirect_uri',
      /^redirect_uris must not carry credentials/,
    ],
    [
      'a redirect URI with a fragment',
      { ...webApp, redirect_uris: ['https://app.example/cb#top'] },
      'invalid_redirect_uri',
      /^redirect_uris must not contain fragments/,
    ],
    [
      'an http jwks_uri to a loopback address',
      { ...backend, jwks_uri: 'http://127.0.0.1:9/jwks.json' },
      'invalid_client_metadata',
      /^jwks_uri must use https/,
    ],
    [
      'a jwks_uri to the cloud metadata address',
      { ...backend, jwks_uri: 'https://169.254.169.254/latest/meta-data' },
      'invalid_client_metadata',
      /^jwks_uri must not point at a private, loopback or link-local address/,
    ],
    [
      'a scope no client may hold',
      { ...backend, scope: 'system/*.cruds' },
      'invalid_client_metadata',
      /^scope system\/\*\.cruds is beyond what a client may hold/,
    ],
    [
      'a permission only an administrator grants',
      { ...backend, scope: 'system/Bundle.crs introspect' },
      'invalid_client_metadata',
      /^scope introspect is beyond what a client may hold/,
    ],
    [
      'a malformed scope',
      { ...backend, scope: 'system/Bundle.xyz' },
      'invalid_client_metadata',
      /^scope system\/Bundle\.xyz is malformed/,
    ],
    [
      'a client_name longer than the portal lists',
      { ...webApp, client_name: '長'.repeat(81) },
      'invalid_client_metadata',
      /^client_name must be at most 80 characters$/,
    ],
    [
      'system scopes on a user-facing app',
      { ...webApp, scope: 'openid system/Patient.rs' },
      'invalid_client_metadata',
      /^scope system\/Patient\.rs needs grant type client_credentials/,
    ],
  ];

  it.each(refusals)('refuses %s with 400 and says why', async (_name, metadata, error, description) => {
    const before = await db.prisma.oAuthClient.count();
    const reply = await register(metadata);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe(error);
    expect(String(reply.body.error_description)).toMatch(description);
    // Nothing waits for an administrator to approve a client that could never work.
    expect(await db.prisma.oAuthClient.count()).toBe(before);
  });

  it('accepts sound metadata, loopback http redirect URIs outside production included', async () => {
    const reply = await register({
      ...webApp,
      redirect_uris: [
        'https://app.example/callback',
        'http://localhost:8080/callback',
        'http://127.0.0.1/cb',
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ openpas_review_status: 'pending' });
    expect((await register(backend)).status).toBe(201);
  });

  it('refuses loopback http redirect URIs in production', async () => {
    const reply = await register(
      { ...webApp, redirect_uris: ['http://localhost:8080/callback'] },
      production,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_redirect_uri');
    expect((await register(webApp, production)).status).toBe(201);
  });
});
