import type { Database } from '@openpas/db';
import { readSeedConfig } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningAuth, startAuth } from './harness.ts';
import { registerPublicApp, seedEverything } from './launch-fixtures.ts';
import { postForm } from './token-requests.ts';
import { drive, pkcePair, UserAgent } from './user-agent.ts';

// The hospital launch app (openpas-launch, a public client) runs in the browser on its own origin and
// calls the token and revocation endpoints cross-origin; nothing else may.

const targets = await testTargets();
const LAUNCH_APP = 'openpas-launch';
const SCOPE = 'openid fhirUser offline_access patient/*.rs';

describe.each(targets)('CORS at the auth server on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  let launchOrigin: string;
  let elsewhere: string;

  beforeAll(async () => {
    db = await target.open();
    launchOrigin = `http://127.0.0.1:${await freePort()}`;
    elsewhere = `http://127.0.0.1:${await freePort()}`;
    await seedEverything(db, readSeedConfig({ LAUNCH_URL: launchOrigin }));
    server = await startAuth(db);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await target.dispose();
  });

  /** The patient signs in to the launch app; its code, ready to redeem. */
  async function codeFor(clientId: string, redirectUri: string) {
    const pkce = pkcePair();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: SCOPE,
      state: 'state',
      aud: server.env.FHIR_BASE_URL,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
    const outcome = await drive(new UserAgent(), `${server.issuer}/auth?${params}`, redirectUri, {
      username: 'patient',
      password: 'sandbox',
    });
    const code = outcome.redirect?.searchParams.get('code');
    if (!code) throw new Error(`no code: ${outcome.page?.html.slice(0, 300)}`);
    return { code, verifier: pkce.verifier };
  }

  function redeem(code: string, verifier: string, origin: string) {
    return postForm(
      server.tokenEndpoint,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${launchOrigin}/callback`,
        client_id: LAUNCH_APP,
        code_verifier: verifier,
      },
      { origin },
    );
  }

  it('answers the launch app’s preflight to the token endpoint', async () => {
    const response = await fetch(server.tokenEndpoint, {
      method: 'OPTIONS',
      headers: {
        origin: launchOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(launchOrigin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('gives the launch app its tokens cross-origin, then refreshes and revokes from there', async () => {
    const { code, verifier } = await codeFor(LAUNCH_APP, `${launchOrigin}/callback`);
    const reply = await redeem(code, verifier, launchOrigin);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(launchOrigin);
    expect(typeof reply.body.access_token).toBe('string');
    const refreshed = await postForm(
      server.tokenEndpoint,
      { grant_type: 'refresh_token', refresh_token: String(reply.body.refresh_token), client_id: LAUNCH_APP },
      { origin: launchOrigin },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('access-control-allow-origin')).toBe(launchOrigin);
    const revoked = await postForm(
      server.revocationEndpoint,
      { token: String(refreshed.body.refresh_token), client_id: LAUNCH_APP },
      { origin: launchOrigin },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('access-control-allow-origin')).toBe(launchOrigin);
  });

  it.each([
    ['another origin', () => elsewhere],
    ['the opaque origin null', () => 'null'],
  ])('refuses the launch app’s code from %s, with no CORS header', async (_name, origin) => {
    const { code, verifier } = await codeFor(LAUNCH_APP, `${launchOrigin}/callback`);
    const reply = await redeem(code, verifier, origin());
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_request');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    // The code was not spent: the app itself still redeems it.
    expect((await redeem(code, verifier, launchOrigin)).status).toBe(200);
  });

  it('accepts a public app from the origin of its launch URL as well', async () => {
    const launchHost = `http://127.0.0.1:${await freePort()}`;
    const redirectUri = `${elsewhere}/callback`;
    await registerPublicApp(db, 'split-origin-app', { redirectUri, launchUri: `${launchHost}/launch` });
    const reply = await postForm(
      server.revocationEndpoint,
      { token: 'not-a-token', client_id: 'split-origin-app' },
      { origin: launchHost },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(launchHost);
  });

  it('never lets a confidential client call from a browser, even from its own redirect origin', async () => {
    const portal = readSeedConfig({}).PORTAL_URL.replace(/\/+$/, '');
    const reply = await postForm(
      server.tokenEndpoint,
      { grant_type: 'refresh_token', refresh_token: 'x'.repeat(43) },
      {
        origin: portal,
        authorization: `Basic ${Buffer.from('openpas-portal:sandbox-portal-secret').toString('base64')}`,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request' });
    expect(String(reply.body.error_description)).toMatch(/origin/);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(['/.well-known/openid-configuration', '/jwks', '/.well-known/smart-configuration'])(
    'serves %s to any origin',
    async (path) => {
      const response = await fetch(`${server.issuer}${path}`, { headers: { origin: elsewhere } });
      expect(response.status).toBe(200);
      expect(['*', elsewhere]).toContain(response.headers.get('access-control-allow-origin'));
    },
  );
});
