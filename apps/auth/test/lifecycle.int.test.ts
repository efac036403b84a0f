import { addSigningKey, decideClient, loadKeyRing } from '@openpas/auth-store';
import type { Database } from '@openpas/db';
import { openFastSql } from '@openpas/db';
import { readSandboxPrivateKey } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_ALGS } from '../src/provider/configuration.ts';
import { SANDBOX_REGISTRATION_TOKEN } from '../src/startup-checks.ts';
import { freePort, type RunningAuth, seedSandboxClients, startAuth } from './harness.ts';
import { ASSERTION_TYPE, assertionForm, postForm } from './token-requests.ts';

const targets = await testTargets();
const HOSPITAL = 'sandbox-hospital-backend';
const key = readSandboxPrivateKey('hospital-backend.private.jwk.json');

describe.each(targets)('the auth server over time on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  let port: number;

  beforeAll(async () => {
    db = await target.open();
    await seedSandboxClients(db);
    port = await freePort();
    server = await startAuth(db, port);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await target.dispose();
  });

  async function introspect(value: string) {
    const assertion = await createClientAssertion({
      clientId: HOSPITAL,
      audience: server.tokenEndpoint,
      key,
    });
    return postForm(server.introspectionEndpoint, {
      token: value,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    });
  }

  it('keeps tokens valid across a restart of the server and its database connection', async () => {
    const assertion = await createClientAssertion({
      clientId: HOSPITAL,
      audience: server.tokenEndpoint,
      key,
    });
    const issued = await postForm(server.tokenEndpoint, assertionForm(assertion, 'system/Bundle.crs'));
    expect(issued.status).toBe(200);
    const jwksBefore = await (await fetch(`${server.issuer}/jwks`)).json();

    await server.stop();
    await db.close();
    db = await target.open();
    server = await startAuth(db, port);

    const info = await introspect(String(issued.body.access_token));
    expect(info.body).toMatchObject({ active: true, client_id: HOSPITAL, scope: 'system/Bundle.crs' });
    // The same signing keys come back: they live in the database, not in the process.
    expect(await (await fetch(`${server.issuer}/jwks`)).json()).toEqual(jwksBefore);
    // And a replayed assertion is still refused after the restart.
    const replay = await postForm(server.tokenEndpoint, assertionForm(assertion, 'system/Bundle.crs'));
    expect(replay.status).toBe(401);
  });

  it('publishes a rotated signing key beside the old one after a restart, and signs with the new one', async () => {
    const before = (await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    const sql = await openFastSql(db);
    const kid = await addSigningKey(sql, 'RS256').finally(() => sql.close());
    await server.stop();
    server = await startAuth(db, port);
    const after = (await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining([...before.keys.map((key) => key.kid), kid]),
    );
    const again = await openFastSql(db);
    const ring = await loadKeyRing(again, SIGNING_ALGS).finally(() => again.close());
    expect(ring.signingKid('RS256')).toBe(kid);
  });

  it('registers a client with an initial access token as pending, and only approval lets it in', async () => {
    const registration = await fetch(`${server.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_REGISTRATION_TOKEN}` },
      body: JSON.stringify({
        client_name: 'Hospital C reporting',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'system/ClaimResponse.rs',
      }),
    });
    expect(registration.status).toBe(201);
    const registered = (await registration.json()) as Record<string, string>;
    expect(registered).toMatchObject({
      openpas_review_status: 'pending',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(registered.client_secret).toBeTruthy();
    const row = await db.prisma.oAuthClient.findUniqueOrThrow({
      where: { clientId: String(registered.client_id) },
    });
    expect(row).toMatchObject({ reviewStatus: 'pending', allowedScopes: 'system/ClaimResponse.rs' });
    expect(row.secretHash).toMatch(/^sha256\$/);
    expect(JSON.stringify(row)).not.toContain(String(registered.client_secret));

    const basic = (secret: string) =>
      `Basic ${Buffer.from(`${encodeURIComponent(String(registered.client_id))}:${encodeURIComponent(secret)}`).toString('base64')}`;
    const form = { grant_type: 'client_credentials', scope: 'system/ClaimResponse.rs' };
    const early = await postForm(server.tokenEndpoint, form, {
      authorization: basic(String(registered.client_secret)),
    });
    expect(early.status).toBe(401);
    expect(String(early.body.error_description)).toMatch(/pending review/);

    const decider = await openFastSql(db);
    await decideClient(decider, { clientId: String(registered.client_id), decision: 'approve' }).finally(() =>
      decider.close(),
    );
    const approved = await postForm(server.tokenEndpoint, form, {
      authorization: basic(String(registered.client_secret)),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.scope).toBe('system/ClaimResponse.rs');

    const wrongSecret = await postForm(server.tokenEndpoint, form, {
      authorization: basic('not-the-secret'),
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
  });

  it('refuses registration without the initial access token', async () => {
    const reply = await fetch(`${server.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }),
    });
    expect(reply.status).toBe(401);
  });

  it('sweeps expired tokens and replay records', async () => {
    const { sweepExpired } = await import('@openpas/auth-store');
    await db.prisma.clientAssertionJti.create({
      data: { clientId: HOSPITAL, jti: 'old', expiresAt: new Date(Date.now() - 3_600_000) },
    });
    const sql = await openFastSql(db);
    try {
      expect(await sweepExpired(sql)).toBeGreaterThanOrEqual(1);
    } finally {
      await sql.close();
    }
    expect(await db.prisma.clientAssertionJti.count({ where: { jti: 'old' } })).toBe(0);
  });
});
