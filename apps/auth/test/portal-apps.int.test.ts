import {
  approveApp,
  claimRegistration,
  createApp,
  reviewQueue,
  rotateAppSecret,
  setEnablement,
  submitApp,
  suspendApp,
} from '@openpas/app-registry';
import { createAccessTokenResolver, registerDeveloper, verifyEmail } from '@openpas/auth-store';
import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { SANDBOX_PORTAL_CLIENT_SECRET } from '@openpas/db/env';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion, generateKeyPair } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_REGISTRATION_TOKEN } from '../src/startup-checks.ts';
import { type RunningAuth, startAuth } from './harness.ts';
import { seedEverything, startTestApp, type TestApp } from './launch-fixtures.ts';
import { ASSERTION_TYPE, postForm } from './token-requests.ts';
import { drive, pkcePair, UserAgent, unescapeHtml } from './user-agent.ts';

// The auth server's side of the portal: an app's production client gets tokens once an admin approves it
// (the registry's decision goes through auth-store's decideClient, the operation the auth server's own
// checks read), a suspension stops its live token at the FHIR API's resolver at once, a hospital that has
// not enabled an app refuses its clinicians' launch with a page, a rotated secret keeps working for its
// grace period only, and a developer who has not verified their email cannot sign in (the portal itself
// signs people in without a consent page).

const targets = await testTargets();

describe.each(targets)('the auth server and the app registry on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let server: RunningAuth;
  let app: TestApp;
  let orgs: { hospitalA: string; hospitalB: string };
  let developer: { userId: string; organizationId: string | null };
  let admin: { userId: string };
  const options = { production: false, authIssuer: '' };

  beforeAll(async () => {
    db = await target.open();
    orgs = await seedEverything(db);
    sql = await openFastSql(db);
    app = await startTestApp();
    server = await startAuth(db);
    options.authIssuer = server.issuer;
    const [dev] = await sql.query<{ id: string }>(
      `SELECT id::text AS id FROM app_user WHERE username = 'developer'`,
    );
    const [adm] = await sql.query<{ id: string }>(
      `SELECT id::text AS id FROM app_user WHERE username = 'admin'`,
    );
    developer = { userId: dev?.id ?? '', organizationId: null };
    admin = { userId: adm?.id ?? '' };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await app?.close();
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  async function backendToken(clientId: string, key: object) {
    const assertion = await createClientAssertion({
      clientId,
      audience: server.tokenEndpoint,
      key: key as never,
    });
    return postForm(server.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
      scope: 'system/ClaimResponse.rs',
    });
  }

  it('gives a backend app’s production client a token only once approved, and a suspension stops its live token at the FHIR API at once', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES384');
    const { app: created } = await createApp(
      sql,
      developer,
      {
        name: 'HIS Bridge',
        summaryEn: 'Bridge',
        descriptionEn: 'Sends bundles.',
        launchTypes: ['backend-service'],
        clientKind: 'confidential-jwks',
        jwks: JSON.stringify({ keys: [publicJwk] }),
        scopes: 'system/ClaimResponse.rs',
        userTypes: ['hospital-staff'],
      },
      options,
    );
    const production = created.clients.find((c) => c.environment === 'production')?.clientId ?? '';
    const sandbox = created.clients.find((c) => c.environment === 'sandbox')?.clientId ?? '';
    expect((await backendToken(sandbox, privateJwk)).status).toBe(200); // the sandbox client at once
    await submitApp(sql, developer, created.id, options);
    const early = await backendToken(production, privateJwk);
    expect(early.status).toBe(401);
    expect(early.body).toMatchObject({ error: 'invalid_client' });
    expect(String(early.body.error_description)).toMatch(/pending review/);

    await approveApp(sql, admin, created.id, null, { certificationOverride: 'not certified in this test' });
    const granted = await backendToken(production, privateJwk);
    expect(granted.status).toBe(200);
    const resolve = createAccessTokenResolver(sql, server.env.FHIR_BASE_URL);
    const live = String(granted.body.access_token);
    await expect(resolve(live)).resolves.toMatchObject({ clientId: production });

    await suspendApp(sql, admin, created.id, 'leaked key');
    await expect(resolve(live)).rejects.toMatchObject({ name: 'AccessTokenError' });
    const after = await backendToken(production, privateJwk);
    expect(after.body).toMatchObject({ error: 'invalid_client' });
    expect(String(after.body.error_description)).toMatch(/suspended.*leaked key/);
  });

  it('refuses a clinician’s launch of an app their hospital has not enabled with a clear page, and lets it through once enabled', async () => {
    const { app: created } = await createApp(
      sql,
      developer,
      {
        name: 'Tumour Board',
        summaryEn: 'Tumour board notes.',
        descriptionEn: 'Prepares tumour board meetings.',
        launchTypes: ['clinician-ehr'],
        clientKind: 'public',
        redirectUris: [app.redirectUri],
        launchUrl: app.launchUri,
        scopes: 'openid fhirUser user/Patient.rs',
        userTypes: ['clinician'],
      },
      options,
    );
    await submitApp(sql, developer, created.id, options);
    await approveApp(sql, admin, created.id, null, { certificationOverride: 'not certified in this test' });
    const clientId = created.clients.find((c) => c.environment === 'production')?.clientId ?? '';
    const authorize = () => {
      const pkce = pkcePair();
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: app.redirectUri,
        scope: 'openid fhirUser user/Patient.rs',
        state: 'state-1',
        aud: server.env.FHIR_BASE_URL,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      });
      return drive(new UserAgent(), `${server.issuer}/auth?${params}`, app.redirectUri, {
        username: 'clinician',
        password: 'sandbox',
      });
    };
    const refused = await authorize();
    expect(refused.page?.status).toBe(403);
    expect(refused.page?.html).toContain('臺北市立聯合醫院 has not enabled Tumour Board for its clinicians');
    expect(refused.seen).toEqual(['sign-in']);

    await setEnablement(sql, { userId: admin.userId, organizationId: orgs.hospitalA }, created.id, true);
    const allowed = await authorize();
    expect(allowed.seen).toEqual(['sign-in', 'consent']);
    expect(allowed.redirect?.searchParams.get('code')).toBeTruthy();
  });

  it('accepts a rotated-out client secret during its grace period only', async () => {
    const { app: created, secrets } = await createApp(
      sql,
      developer,
      {
        name: 'Secret App',
        summaryEn: 's',
        descriptionEn: 'd',
        launchTypes: ['clinician-ehr'],
        clientKind: 'confidential-secret',
        redirectUris: [app.redirectUri],
        launchUrl: app.launchUri,
        scopes: 'openid fhirUser user/Patient.rs',
        userTypes: ['clinician'],
      },
      options,
    );
    const first = secrets.find((s) => s.clientId.startsWith('sandbox-'));
    if (!first) throw new Error('no sandbox secret');
    // Client authentication comes before the code is looked at: invalid_grant means the secret was accepted.
    const redeem = (secret: string) =>
      postForm(
        server.tokenEndpoint,
        {
          grant_type: 'authorization_code',
          code: 'no-such-code',
          redirect_uri: app.redirectUri,
          code_verifier: 'x'.repeat(43),
        },
        { authorization: `Basic ${Buffer.from(`${first.clientId}:${secret}`).toString('base64')}` },
      );
    expect((await redeem(first.clientSecret)).body.error).toBe('invalid_grant');
    const second = await rotateAppSecret(sql, developer, {
      appId: created.id,
      environment: 'sandbox',
      graceSeconds: 600,
    });
    expect((await redeem(first.clientSecret)).body.error).toBe('invalid_grant');
    expect((await redeem(second.clientSecret)).body.error).toBe('invalid_grant');
    const third = await rotateAppSecret(sql, developer, {
      appId: created.id,
      environment: 'sandbox',
      graceSeconds: 0,
    });
    expect((await redeem(first.clientSecret)).body.error).toBe('invalid_client');
    expect((await redeem(second.clientSecret)).body.error).toBe('invalid_client');
    expect((await redeem(third.clientSecret)).body.error).toBe('invalid_grant');
  });

  it('refuses the sign-in of a developer who has not verified their email; the portal signs people in without a consent page', async () => {
    const email = `new-${Date.now()}@example.com`;
    const { verificationToken } = await registerDeveloper(sql, {
      email,
      password: 'a long sandbox password',
      displayName: 'New Dev',
      organizationName: 'NewCo',
    });
    const portalCallback = 'http://localhost:3000/api/auth/callback';
    const signIn = () => {
      const pkce = pkcePair();
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: 'openpas-portal',
        redirect_uri: portalCallback,
        scope: 'openid profile',
        state: 'portal-state',
        aud: server.env.FHIR_BASE_URL,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      });
      return drive(new UserAgent(), `${server.issuer}/auth?${params}`, portalCallback, {
        username: email,
        password: 'a long sandbox password',
      });
    };
    const refused = await signIn();
    expect(refused.page?.status).toBe(401);
    expect(refused.page?.html).toContain('Confirm your email address first');
    expect(await verifyEmail(sql, verificationToken)).toBe('verified');
    const signedIn = await signIn();
    expect(signedIn.seen).toEqual(['sign-in']);
    expect(signedIn.redirect?.searchParams.get('code')).toBeTruthy();
  });

  it('gives the portal a reviewer’s workbench access without a consent page, and nothing beyond its registration', async () => {
    const portalCallback = 'http://localhost:3000/api/auth/callback';
    const pkce = pkcePair();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: 'openpas-portal',
      redirect_uri: portalCallback,
      scope: 'openid profile fhirUser online_access user/ClaimResponse.rus user/Claim.rs user/Patient.rs',
      state: 'review-state',
      aud: server.env.FHIR_BASE_URL,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
    const signedIn = await drive(new UserAgent(), `${server.issuer}/auth?${params}`, portalCallback, {
      username: 'reviewer',
      password: 'sandbox',
    });
    expect(signedIn.seen).toEqual(['sign-in']);
    const basic = Buffer.from(`openpas-portal:${SANDBOX_PORTAL_CLIENT_SECRET}`).toString('base64');
    const tokens = await postForm(
      `${server.issuer}/token`,
      {
        grant_type: 'authorization_code',
        code: signedIn.redirect?.searchParams.get('code') ?? '',
        redirect_uri: portalCallback,
        code_verifier: pkce.verifier,
      },
      { authorization: `Basic ${basic}` },
    );
    expect(tokens.status).toBe(200);
    const granted = String(tokens.body.scope).split(' ');
    expect(granted).toEqual(
      expect.arrayContaining(['user/ClaimResponse.rus', 'user/Claim.rs', 'online_access']),
    );
    // Asked for, but not the portal's to have.
    expect(granted).not.toContain('user/Patient.rs');
    expect(tokens.body.refresh_token).toBeTruthy();
  });

  it('lets an app manage its pending RFC 7591 registration through RFC 7592, and its developer bring it into the console for review', async () => {
    const registration = await fetch(`${server.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_REGISTRATION_TOKEN}` },
      body: JSON.stringify({
        client_name: 'Dynamic Reporter',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'system/ClaimResponse.rs',
      }),
    });
    expect(registration.status).toBe(201);
    const registered = (await registration.json()) as Record<string, string>;
    const { client_id: clientId, client_secret: secret, registration_access_token: rat } = registered;
    expect(rat).toBeTruthy();
    expect(registered.registration_client_uri).toBe(`${server.issuer}/reg/${clientId}`);
    const manage = (method: string, body?: object) =>
      fetch(registered.registration_client_uri ?? '', {
        method,
        headers: { authorization: `Bearer ${rat}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const read = await manage('GET');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ client_id: clientId, client_name: 'Dynamic Reporter' });
    const renamed = await manage('PUT', {
      client_id: clientId,
      client_name: 'Dynamic Reporter 2',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'system/ClaimResponse.rs',
    });
    expect(renamed.status).toBe(200);

    const claimed = await claimRegistration(
      sql,
      developer,
      { clientId: String(clientId), registrationAccessToken: String(rat) },
      options,
    );
    expect(claimed).toMatchObject({
      name: 'Dynamic Reporter 2',
      status: 'pending',
      dynamicRegistration: true,
    });
    expect((await reviewQueue(sql)).map((item) => item.appId)).toContain(claimed.id);
    const refused = await manage('PUT', {
      client_id: clientId,
      client_name: 'Sneaky',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client_metadata' });

    await approveApp(sql, admin, claimed.id, null, { certificationOverride: 'not certified in this test' });
    const token = await postForm(
      server.tokenEndpoint,
      { grant_type: 'client_credentials', scope: 'system/ClaimResponse.rs' },
      { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    );
    expect(token.status).toBe(200);
  });

  it('asks to sign out in the reader’s language, and ends the session', async () => {
    const agent = new UserAgent();
    const portalCallback = 'http://localhost:3000/api/auth/callback';
    const signIn = () => {
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: 'openpas-portal',
        redirect_uri: portalCallback,
        scope: 'openid profile',
        state: 's',
        aud: server.env.FHIR_BASE_URL,
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      return drive(agent, `${server.issuer}/auth?${params}`, portalCallback, {
        username: 'developer',
        password: 'sandbox',
      });
    };
    expect((await signIn()).seen).toEqual(['sign-in']);
    const ask = await agent.request(`${server.issuer}/session/end?client_id=openpas-portal`, {
      headers: { 'accept-language': 'zh-TW,zh;q=0.9' },
    });
    const question = await ask.text();
    expect(question).toContain('<html lang="zh-TW">');
    expect(question).toContain('要登出 OpenPAS 嗎？');
    const action = /<form[^>]*action="([^"]+)"/.exec(question)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question)?.[1] ?? '';
    const confirmed = await agent.request(new URL(action, server.issuer).href, {
      form: { xsrf, logout: 'yes' },
      headers: { 'accept-language': 'zh-TW' },
    });
    const done = await agent.request(new URL(confirmed.headers.get('location') ?? '', server.issuer).href, {
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(await done.text()).toContain('您已登出 OpenPAS。');
    expect((await signIn()).seen).toEqual(['sign-in']); // signed out: the password is asked again
  });

  it('refuses an app’s sandbox client where the sandbox is off', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256');
    const { app: created } = await createApp(
      sql,
      developer,
      {
        name: 'Sandbox Only',
        summaryEn: 's',
        descriptionEn: 'd',
        launchTypes: ['backend-service'],
        clientKind: 'confidential-jwks',
        jwks: JSON.stringify({ keys: [publicJwk] }),
        scopes: 'system/ClaimResponse.rs',
        userTypes: ['hospital-staff'],
      },
      options,
    );
    const sandboxClient = created.clients.find((c) => c.environment === 'sandbox')?.clientId ?? '';
    const off = await startAuth(db, undefined, { OPENPAS_SANDBOX: '0' });
    try {
      const assertion = await createClientAssertion({
        clientId: sandboxClient,
        audience: off.tokenEndpoint,
        key: privateJwk,
      });
      const reply = await postForm(off.tokenEndpoint, {
        grant_type: 'client_credentials',
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: assertion,
        scope: 'system/ClaimResponse.rs',
      });
      expect(reply.body).toMatchObject({ error: 'invalid_client' });
      expect(String(reply.body.error_description)).toMatch(/only where the sandbox is on/);
    } finally {
      await off.stop();
    }
    expect((await backendToken(sandboxClient, privateJwk)).status).toBe(200);
  });

  it('launches an app’s sandbox client from the portal’s button: the clinician picks a patient, the app gets a launch', async () => {
    const { app: created } = await createApp(
      sql,
      developer,
      {
        name: 'Sandbox Launchable',
        summaryEn: 's',
        descriptionEn: 'd',
        launchTypes: ['clinician-ehr'],
        clientKind: 'public',
        redirectUris: [app.redirectUri],
        launchUrl: app.launchUri,
        scopes: 'openid fhirUser launch user/Patient.rs',
        userTypes: ['clinician'],
      },
      options,
    );
    expect(created.sandboxLaunchUrl).toMatch(/\/sandbox\/ehr-launch\?client_id=sandbox-app-/);
    const agent = new UserAgent();
    const picked = await drive(agent, created.sandboxLaunchUrl ?? '', app.launchUri, {
      username: 'clinician',
      password: 'sandbox',
    });
    expect(picked.page?.status).toBe(200);
    const links = [...(picked.page?.html ?? '').matchAll(/<a href="([^"]+)">/g)].map((m) =>
      unescapeHtml(m[1] ?? ''),
    );
    expect(links.length).toBeGreaterThanOrEqual(3); // hospital A's patients
    const launched = await agent.request(new URL(links[0] ?? '', server.issuer).href);
    expect(launched.status).toBe(302);
    const target = new URL(launched.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe(app.launchUri);
    expect(target.searchParams.get('iss')).toBe(server.env.FHIR_BASE_URL);
    expect(target.searchParams.get('launch')).toBeTruthy();
  });
});
