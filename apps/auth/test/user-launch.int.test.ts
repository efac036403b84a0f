import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion, type JWK } from '@openpas/jwt';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';
import {
  HOSPITAL_A_PATIENTS,
  HOSPITAL_B_PATIENT,
  registerPublicApp,
  SANDBOX_PATIENT,
  seedEverything,
  startTestApp,
  type TestApp,
} from './launch-fixtures.ts';
import { ASSERTION_TYPE, assertionForm, postForm, registerBackendClient } from './token-requests.ts';
import { drive, type Person, pkcePair, UserAgent } from './user-agent.ts';

const targets = await testTargets();
const APP = 'test-app';
const OTHER_APP = 'other-app';
const PATIENT_USER: Person = { username: 'patient', password: 'sandbox' };
const CLINICIAN: Person = { username: 'clinician', password: 'sandbox' };
const CLINICIAN_B: Person = { username: 'clinician-b', password: 'sandbox' };
const STANDALONE = 'openid fhirUser launch/patient offline_access patient/*.rs';

describe.each(targets)('user-facing SMART launches on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  let app: TestApp;
  let otherApp: TestApp;
  let introspectorKey: JWK;
  let ehrKey: JWK;
  let fhir: string;

  beforeAll(async () => {
    db = await target.open();
    const orgs = await seedEverything(db);
    app = await startTestApp();
    otherApp = await startTestApp();
    await registerPublicApp(db, APP, app);
    await registerPublicApp(db, OTHER_APP, otherApp);
    introspectorKey = await registerBackendClient(db, 'fhir-api', 'ES256', { scopes: 'introspect' });
    ehrKey = await registerBackendClient(db, 'hospital-a-ehr', 'ES256', {
      scopes: 'launch-context system/Patient.rs',
    });
    await db.prisma.oAuthClient.update({
      where: { clientId: 'hospital-a-ehr' },
      data: { organizationId: orgs.hospitalA },
    });
    server = await startAuth(db);
    fhir = server.env.FHIR_BASE_URL;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await app?.close();
    await otherApp?.close();
    await db?.close();
    await target.dispose();
  });

  function authorizeParams(overrides: Record<string, string | undefined> = {}) {
    const pkce = pkcePair();
    const all: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: APP,
      redirect_uri: app.redirectUri,
      scope: STANDALONE,
      state: `state-${Math.random()}`,
      aud: fhir,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...overrides,
    };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(all)) if (value !== undefined) params.set(key, value);
    return { params, verifier: pkce.verifier };
  }

  async function authorize(person: Person, overrides: Record<string, string | undefined> = {}) {
    const { params, verifier } = authorizeParams(overrides);
    const outcome = await drive(
      new UserAgent(),
      `${server.issuer}/auth?${params}`,
      params.get('redirect_uri') ?? '',
      person,
    );
    return { ...outcome, verifier, state: params.get('state') };
  }

  async function codeFor(person: Person = PATIENT_USER, overrides: Record<string, string | undefined> = {}) {
    const outcome = await authorize(person, overrides);
    const code = outcome.redirect?.searchParams.get('code');
    if (!code) throw new Error(`no code: ${outcome.redirect?.href ?? outcome.page?.html}`);
    return { code, verifier: outcome.verifier };
  }

  function redeem(code: string, verifier: string | undefined, extra: Record<string, string> = {}) {
    return postForm(server.tokenEndpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: app.redirectUri,
      client_id: APP,
      ...(verifier === undefined ? {} : { code_verifier: verifier }),
      ...extra,
    });
  }

  async function introspect(token: string) {
    const assertion = await createClientAssertion({
      clientId: 'fhir-api',
      audience: server.tokenEndpoint,
      key: introspectorKey,
    });
    const reply = await postForm(server.introspectionEndpoint, {
      token,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    });
    return reply.body;
  }

  async function ehrLaunch(body: Record<string, unknown>) {
    const assertion = await createClientAssertion({
      clientId: 'hospital-a-ehr',
      audience: server.tokenEndpoint,
      key: ehrKey,
    });
    const system = await postForm(server.tokenEndpoint, assertionForm(assertion, 'launch-context'));
    return fetch(`${server.issuer}/api/launch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.body.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  describe('standalone patient launch', () => {
    it('signs the patient in, asks consent, and answers with the full scope and the patient in context', async () => {
      const outcome = await authorize(PATIENT_USER);
      expect(outcome.seen).toEqual(['sign-in', 'consent']);
      expect(outcome.redirect?.searchParams.get('state')).toBe(outcome.state);
      expect(outcome.redirect?.searchParams.get('iss')).toBe(server.issuer);
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), outcome.verifier);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('pragma')).toBe('no-cache');
      expect(reply.body).toMatchObject({
        token_type: 'Bearer',
        scope: STANDALONE,
        patient: SANDBOX_PATIENT,
        need_patient_banner: true,
        smart_style_url: `${server.issuer}/smart-style.json`,
        expires_in: 300,
      });
      expect(typeof reply.body.refresh_token).toBe('string');
      const { payload, protectedHeader } = await jwtVerify(
        String(reply.body.id_token),
        createRemoteJWKSet(new URL(`${server.issuer}/jwks`)),
        { issuer: server.issuer, audience: APP },
      );
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload.fhirUser).toBe(`Patient/${SANDBOX_PATIENT}`);
      expect(String(payload.sub).length).toBeLessThan(256);
      expect(await introspect(String(reply.body.access_token))).toMatchObject({
        active: true,
        client_id: APP,
        scope: STANDALONE,
        patient: SANDBOX_PATIENT,
        fhirUser: `Patient/${SANDBOX_PATIENT}`,
        sub: payload.sub,
        aud: fhir,
      });
    });

    it('serves the style document as JSON', async () => {
      const response = await fetch(`${server.issuer}/smart-style.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ color_background: '#ffffff' });
    });

    it('accepts the authorization request by form POST too', async () => {
      const { params, verifier } = authorizeParams();
      const outcome = await drive(
        new UserAgent(),
        { url: `${server.issuer}/auth`, form: Object.fromEntries(params) },
        app.redirectUri,
        PATIENT_USER,
      );
      expect(outcome.redirect?.searchParams.get('state')).toBe(params.get('state'));
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), verifier);
      expect(reply.body).toMatchObject({ patient: SANDBOX_PATIENT, scope: STANDALONE });
    });

    it('lets a clinician pick one of their hospital patients, and only those', async () => {
      const outcome = await authorize(
        { ...CLINICIAN, patient: 'a-nsclc-egfr-osimertinib' },
        { scope: 'openid fhirUser launch/patient patient/*.rs' },
      );
      expect(outcome.seen).toEqual(['sign-in', 'picker', 'consent']);
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), outcome.verifier);
      expect(reply.body).toMatchObject({ patient: 'a-nsclc-egfr-osimertinib', need_patient_banner: true });
      const foreign = await authorize(
        { ...CLINICIAN, patient: 'b-gastric-her2-trastuzumab' },
        { scope: 'openid launch/patient patient/*.rs' },
      );
      expect(foreign.redirect?.searchParams.get('error')).toBe('access_denied');
      expect(foreign.redirect?.searchParams.get('code')).toBeNull();
    });

    it('lists exactly the hospital patients in the picker, each as a button', async () => {
      const { params } = authorizeParams({ scope: 'openid launch/patient patient/*.rs' });
      const outcome = await drive(new UserAgent(), `${server.issuer}/auth?${params}`, app.redirectUri, {
        ...CLINICIAN,
        stopAtPicker: true,
      });
      expect(outcome.seen).toEqual(['sign-in', 'picker']);
      const picker = outcome.page?.html ?? '';
      expect(picker).toContain('<h1>Which patient is this for?</h1>');
      const offered = [
        ...picker.matchAll(/<button type="submit" name="patient" value="([^"]+)"[^>]*>([^<]+)<\/button>/g),
      ].map((match) => [match[1], match[2]]);
      expect(offered).toEqual(
        [...HOSPITAL_A_PATIENTS]
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((patient) => [patient.id, patient.name]),
      );
    });

    it('leaves a deselected scope out of the token and of introspection', async () => {
      const outcome = await authorize(
        { ...PATIENT_USER, untick: ['patient/Observation.rs'] },
        { scope: 'openid launch/patient patient/Patient.rs patient/Observation.rs' },
      );
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), outcome.verifier);
      expect(reply.body.scope).toBe('openid launch/patient patient/Patient.rs');
      const info = await introspect(String(reply.body.access_token));
      expect(info.scope).toBe('openid launch/patient patient/Patient.rs');
    });

    it('narrows the request to the scopes the client registered', async () => {
      const outcome = await authorize(PATIENT_USER, {
        scope: 'openid launch/patient patient/Observation.cruds system/Patient.rs introspect',
      });
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), outcome.verifier);
      expect(reply.body.scope).toBe('openid launch/patient patient/Observation.rs');
    });

    it('sends access_denied with state and iss when the user denies', async () => {
      const outcome = await authorize({ ...PATIENT_USER, deny: true });
      expect(outcome.redirect?.searchParams.get('error')).toBe('access_denied');
      expect(outcome.redirect?.searchParams.get('state')).toBe(outcome.state);
      expect(outcome.redirect?.searchParams.get('iss')).toBe(server.issuer);
      expect(outcome.redirect?.searchParams.get('code')).toBeNull();
    });

    it('renders the pages in Traditional Chinese for ui_locales=zh-TW', async () => {
      const { params } = authorizeParams({ ui_locales: 'zh-TW' });
      const agent = new UserAgent();
      const first = await agent.request(`${server.issuer}/auth?${params}`);
      const page = await (
        await agent.request(new URL(String(first.headers.get('location')), server.issuer).href)
      ).text();
      expect(page).toContain('<html lang="zh-TW">');
      expect(page).toContain('<label for="username">使用者名稱</label>');
      expect(page).toContain('<label for="password">密碼</label>');
      expect(page).toContain('<button type="submit">登入</button>');
    });
  });

  describe('EHR launch', () => {
    it('creates a launch through the API and gives the app the context back, once', async () => {
      const created = await ehrLaunch({
        client_id: APP,
        user: 'clinician',
        patient: SANDBOX_PATIENT,
        encounter: 'enc-1',
        fhirContext: [{ reference: 'Claim/pa-1' }],
      });
      expect(created.status).toBe(201);
      const { launch } = (await created.json()) as { launch: string };
      const scope = 'openid fhirUser launch online_access patient/*.rs user/*.rs';
      const outcome = await authorize(CLINICIAN, { scope, launch });
      expect(outcome.seen).toEqual(['sign-in', 'consent']);
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), outcome.verifier);
      expect(reply.body).toMatchObject({
        scope,
        patient: SANDBOX_PATIENT,
        encounter: 'enc-1',
        fhirContext: [{ reference: 'Claim/pa-1' }],
        need_patient_banner: false,
      });
      expect(typeof reply.body.refresh_token).toBe('string');
      expect(await introspect(String(reply.body.access_token))).toMatchObject({
        patient: SANDBOX_PATIENT,
        encounter: 'enc-1',
        fhirUser: 'Practitioner/sandbox-clinician',
      });
      const again = await authorize(CLINICIAN, { scope, launch });
      expect(again.redirect?.searchParams.get('error')).toBe('invalid_request');
      expect(again.redirect?.searchParams.get('code')).toBeNull();
    });

    it('refuses a launch issued for another client', async () => {
      const created = await ehrLaunch({ client_id: OTHER_APP, user: 'clinician', patient: SANDBOX_PATIENT });
      const { launch } = (await created.json()) as { launch: string };
      const outcome = await authorize(CLINICIAN, { scope: 'openid launch patient/*.rs', launch });
      expect(outcome.redirect?.searchParams.get('error')).toBe('invalid_request');
      expect(outcome.redirect?.searchParams.get('error_description')).toMatch(/launch is unknown/);
    });

    it('refuses a launch to a patient user it was not made for', async () => {
      const created = await ehrLaunch({ client_id: APP, user: 'clinician', patient: SANDBOX_PATIENT });
      const { launch } = (await created.json()) as { launch: string };
      const outcome = await authorize(PATIENT_USER, { scope: 'openid launch patient/*.rs', launch });
      expect(outcome.redirect?.searchParams.get('error')).toBe('access_denied');
    });

    it('refuses the launch API without the launch-context permission and for foreign patients', async () => {
      const anonymous = await fetch(`${server.issuer}/api/launch`, { method: 'POST', body: '{}' });
      expect(anonymous.status).toBe(401);
      const foreign = await ehrLaunch({
        client_id: APP,
        user: 'clinician',
        patient: 'b-gastric-her2-trastuzumab',
      });
      expect(foreign.status).toBe(400);
      const notStaff = await ehrLaunch({ client_id: APP, user: 'patient', patient: SANDBOX_PATIENT });
      expect(notStaff.status).toBe(400);
    });

    it('signs the clinician in at the sandbox EHR and opens the app launch URL with iss and launch', async () => {
      const agent = new UserAgent();
      const outcome = await drive(
        agent,
        `${server.issuer}/sandbox/ehr-launch?client_id=${APP}&patient=${SANDBOX_PATIENT}&encounter=enc-2`,
        app.launchUri,
        CLINICIAN,
      );
      expect(outcome.seen).toEqual(['sign-in']);
      expect(outcome.redirect?.searchParams.get('iss')).toBe(fhir);
      const launch = String(outcome.redirect?.searchParams.get('launch'));
      const { params, verifier } = authorizeParams({ scope: 'openid fhirUser launch patient/*.rs', launch });
      const authorized = await drive(agent, `${server.issuer}/auth?${params}`, app.redirectUri, CLINICIAN);
      expect(authorized.seen).toEqual(['consent']);
      const reply = await redeem(String(authorized.redirect?.searchParams.get('code')), verifier);
      // The sandbox EHR shows no banner of its own, so the app is told to.
      expect(reply.body).toMatchObject({
        patient: SANDBOX_PATIENT,
        encounter: 'enc-2',
        need_patient_banner: true,
      });
    });

    it('refuses a hospital B clinician at the sandbox EHR for a hospital A patient, and launches their own', async () => {
      const agent = new UserAgent();
      const foreign = await drive(
        agent,
        `${server.issuer}/sandbox/ehr-launch?client_id=${APP}&patient=${SANDBOX_PATIENT}`,
        app.launchUri,
        CLINICIAN_B,
      );
      expect(foreign.seen).toEqual(['sign-in']);
      expect(foreign.redirect).toBeUndefined();
      expect(foreign.page?.status).toBe(403);
      const own = await drive(
        agent,
        `${server.issuer}/sandbox/ehr-launch?client_id=${APP}&patient=${HOSPITAL_B_PATIENT}`,
        app.launchUri,
        CLINICIAN_B,
      );
      expect(own.seen).toEqual([]);
      const launch = String(own.redirect?.searchParams.get('launch'));
      const { params, verifier } = authorizeParams({ scope: 'openid fhirUser launch patient/*.rs', launch });
      const authorized = await drive(agent, `${server.issuer}/auth?${params}`, app.redirectUri, CLINICIAN_B);
      const reply = await redeem(String(authorized.redirect?.searchParams.get('code')), verifier);
      expect(reply.body).toMatchObject({ patient: HOSPITAL_B_PATIENT, need_patient_banner: true });
    });
  });

  describe('authorization requests that get no code', () => {
    it.each([
      ['another path', (uri: string) => uri.replace('/callback', '/other')],
      ['a trailing slash', (uri: string) => `${uri}/`],
      ['an added query', (uri: string) => `${uri}?x=1`],
      [
        'another port',
        (uri: string) => uri.replace(/:(\d+)\//, (_m, port: string) => `:${Number(port) + 1}/`),
      ],
      ['userinfo in the host', (uri: string) => uri.replace('http://', 'http://evil@')],
      ['a prefix of it', (uri: string) => uri.replace('/callback', '/call')],
    ])('shows an error page and never redirects for a redirect_uri with %s', async (_name, alter) => {
      const { params } = authorizeParams({ redirect_uri: alter(app.redirectUri) });
      const response = await fetch(`${server.issuer}/auth?${params}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain(
        'redirect_uri did not match any of the client&#39;s registered redirect_uris',
      );
    });

    async function refusal(overrides: Record<string, string | undefined>, url?: string) {
      const { params } = authorizeParams(overrides);
      const response = await fetch(url ?? `${server.issuer}/auth?${params}`, { redirect: 'manual' });
      const location = response.headers.get('location');
      return { status: response.status, location: location ? new URL(location, server.issuer) : null };
    }

    it.each([
      [
        'no code_challenge',
        { code_challenge: undefined, code_challenge_method: undefined },
        'invalid_request',
      ],
      ['code_challenge_method plain', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['no aud', { aud: undefined }, 'invalid_request'],
      ['an unknown aud', { aud: 'https://elsewhere.example/fhir' }, 'invalid_request'],
      ['scope launch without a launch value', { scope: 'openid launch' }, 'invalid_request'],
      ['an unknown launch value', { scope: 'openid launch', launch: 'not-a-launch' }, 'invalid_request'],
    ])('redirects %s back with an error and no code', async (_name, overrides, error) => {
      const { status, location } = await refusal(overrides);
      expect(status).toBe(303);
      expect(location?.origin).toBe(app.origin);
      expect(location?.searchParams.get('error')).toBe(error);
      expect(location?.searchParams.get('code')).toBeNull();
    });

    it('refuses response_type token without issuing anything', async () => {
      const { status, location } = await refusal({ response_type: 'token' });
      // The error travels in the fragment, as for any implicit-style response type.
      expect(status).toBe(303);
      const fragment = new URLSearchParams(location?.hash.slice(1));
      expect(fragment.get('error')).toBe('unsupported_response_type');
      expect(fragment.get('access_token')).toBeNull();
      expect(location?.searchParams.get('code')).toBeNull();
    });

    it('refuses duplicated parameters', async () => {
      const { params } = authorizeParams();
      const { status, location } = await refusal({}, `${server.issuer}/auth?${params}&scope=openid`);
      expect(status).toBe(303);
      expect(location?.searchParams.get('error')).toBe('invalid_request');
      expect(location?.searchParams.get('error_description')).toMatch(/scope/);
      expect(location?.searchParams.get('code')).toBeNull();
    });
  });

  describe('redeeming codes', () => {
    it('refuses a token request whose redirect_uri differs from the authorization request', async () => {
      const { code, verifier } = await codeFor();
      const reply = await redeem(code, verifier, { redirect_uri: `${app.redirectUri}/` });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
    });

    it.each([
      ['no verifier', () => undefined],
      ['an empty verifier', () => ''],
      ['a wrong verifier', () => pkcePair().verifier],
    ])('refuses %s with invalid_grant', async (_name, verifierOf) => {
      const { code } = await codeFor();
      const verifier = verifierOf();
      const reply = await redeem(code, verifier as string);
      expect(reply.status).toBe(400);
      expect(['invalid_grant', 'invalid_request']).toContain(reply.body.error);
      if (verifier !== '' && verifier !== undefined) expect(reply.body.error).toBe('invalid_grant');
    });

    it('refuses a verifier equal to the challenge', async () => {
      const { params, verifier: _unused } = authorizeParams();
      const outcome = await drive(
        new UserAgent(),
        `${server.issuer}/auth?${params}`,
        app.redirectUri,
        PATIENT_USER,
      );
      const reply = await redeem(
        String(outcome.redirect?.searchParams.get('code')),
        String(params.get('code_challenge')),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
    });

    it('refuses a code redeemed twice and revokes the tokens of the first redemption', async () => {
      const { code, verifier } = await codeFor();
      const first = await redeem(code, verifier);
      expect(first.status).toBe(200);
      await new Promise((done) => setTimeout(done, 1000));
      const second = await redeem(code, verifier);
      expect(second.status).toBe(400);
      expect(second.body.error).toBe('invalid_grant');
      expect(await introspect(String(first.body.access_token))).toEqual({ active: false });
      const refresh = await postForm(server.tokenEndpoint, {
        grant_type: 'refresh_token',
        refresh_token: String(first.body.refresh_token),
        client_id: APP,
      });
      expect(refresh.body.error).toBe('invalid_grant');
    });

    it('accepts exactly one of 20 parallel redemptions of a code', async () => {
      const { code, verifier } = await codeFor();
      const replies = await Promise.all(Array.from({ length: 20 }, () => redeem(code, verifier)));
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      const refused = replies.filter((reply) => reply.status !== 200);
      expect(refused).toHaveLength(19);
      for (const reply of refused) expect(reply.body.error).toBe('invalid_grant');
    });

    it("refuses client B redeeming client A's code", async () => {
      const { code, verifier } = await codeFor();
      const reply = await postForm(server.tokenEndpoint, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: app.redirectUri,
        client_id: OTHER_APP,
        code_verifier: verifier,
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
    });

    it('refuses an expired code', async () => {
      const { code, verifier } = await codeFor();
      const rows = await db.prisma.oidcPayload.findMany({
        where: { model: 'AuthorizationCode', consumedAt: null },
      });
      for (const row of rows) {
        await db.prisma.oidcPayload.update({
          where: { model_id: { model: row.model, id: row.id } },
          data: { payload: { ...(row.payload as object), exp: Math.floor(Date.now() / 1000) - 5 } as never },
        });
      }
      const reply = await redeem(code, verifier);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
    });

    it('answers 400 invalid_grant for a code it never issued', async () => {
      const reply = await redeem('BAD_CODE', pkcePair().verifier);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
    });

    it('answers 400 or 401 for an unknown client_id', async () => {
      const { code, verifier } = await codeFor();
      const reply = await redeem(code, verifier, { client_id: 'no-such-client' });
      expect([400, 401]).toContain(reply.status);
      expect(reply.body.error).toBe('invalid_client');
    });
  });

  describe('refresh tokens', () => {
    function refresh(token: string, scope?: string) {
      return postForm(server.tokenEndpoint, {
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: APP,
        ...(scope ? { scope } : {}),
      });
    }

    it('rotates on every refresh, keeps the context, and narrows when asked', async () => {
      const { code, verifier } = await codeFor();
      const first = await redeem(code, verifier);
      const second = await refresh(String(first.body.refresh_token));
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        scope: STANDALONE,
        patient: SANDBOX_PATIENT,
        need_patient_banner: true,
      });
      expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
      const narrowed = await refresh(String(second.body.refresh_token), 'openid launch/patient patient/*.rs');
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.scope).toBe('openid launch/patient patient/*.rs');
      expect(await introspect(String(narrowed.body.access_token))).toMatchObject({
        scope: 'openid launch/patient patient/*.rs',
        patient: SANDBOX_PATIENT,
      });
      const wider = await refresh(String(narrowed.body.refresh_token), 'patient/*.cruds');
      expect(wider.status).toBe(400);
      expect(wider.body.error).toBe('invalid_scope');
    });

    it('revokes the whole grant when a rotated refresh token is reused', async () => {
      const { code, verifier } = await codeFor();
      const first = await redeem(code, verifier);
      const second = await refresh(String(first.body.refresh_token));
      expect(second.status).toBe(200);
      const reuse = await refresh(String(first.body.refresh_token));
      expect(reuse.status).toBe(400);
      expect(reuse.body.error).toBe('invalid_grant');
      expect(await introspect(String(second.body.access_token))).toEqual({ active: false });
      const current = await refresh(String(second.body.refresh_token));
      expect(current.status).toBe(400);
      expect(current.body.error).toBe('invalid_grant');
    });

    it('answers 400 invalid_grant for an unknown or revoked refresh token', async () => {
      expect((await refresh('not-a-refresh-token')).body).toMatchObject({ error: 'invalid_grant' });
      const { code, verifier } = await codeFor();
      const first = await redeem(code, verifier);
      const revoked = await postForm(server.revocationEndpoint, {
        token: String(first.body.refresh_token),
        client_id: APP,
      });
      expect(revoked.status).toBe(200);
      const reply = await refresh(String(first.body.refresh_token));
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_grant');
      expect(await introspect(String(first.body.access_token))).toEqual({ active: false });
    });

    it('issues no refresh token without offline_access or online_access', async () => {
      const { code, verifier } = await codeFor(PATIENT_USER, { scope: 'openid launch/patient patient/*.rs' });
      const reply = await redeem(code, verifier);
      expect(reply.body.refresh_token).toBeUndefined();
    });
  });

  describe('sign-in', () => {
    async function signInPage() {
      const { params } = authorizeParams();
      const agent = new UserAgent();
      const first = await agent.request(`${server.issuer}/auth?${params}`);
      const url = new URL(String(first.headers.get('location')), server.issuer).href;
      const html = await (await agent.request(url)).text();
      return { agent, url, html };
    }

    async function attempt(username: string, password: string) {
      const { agent, url, html } = await signInPage();
      const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const response = await agent.request(`${url}/login`, {
        form: { form_token: token, username, password },
      });
      return { status: response.status, html: response.status === 303 ? '' : await response.text() };
    }

    function alert(html: string) {
      return /<p role="alert" id="sign-in-error">([^<]*)<\/p>/.exec(html)?.[1];
    }

    it('gives the same answer for an unknown user and a wrong password', async () => {
      const unknown = await attempt('nobody-here', 'sandbox');
      const wrong = await attempt('developer', 'not-the-password');
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(alert(unknown.html)).toBe('The username or password is incorrect.');
      expect(alert(wrong.html)).toBe(alert(unknown.html));
    });

    it('makes an address wait after five failures for an account, even with the right password, and an unknown name alike', async () => {
      for (let i = 0; i < 5; i += 1) expect((await attempt('reviewer', 'wrong')).status).toBe(401);
      const locked = await attempt('reviewer', 'sandbox');
      expect(locked.status).toBe(401);
      expect(alert(locked.html)).toBe('Too many failed sign-in attempts. Wait a few minutes and try again.');
      for (let i = 0; i < 5; i += 1) await attempt('ghost', 'wrong');
      expect(alert((await attempt('ghost', 'wrong')).html)).toBe(alert(locked.html));
    });

    it('does not lock out an address after failures across many accounts', async () => {
      for (let i = 0; i < 20; i += 1) await attempt(`spray-${i}`, 'wrong');
      expect((await attempt('admin', 'sandbox')).status).toBe(303);
    });

    it('refuses a sign-in form without its form token', async () => {
      const { agent, url } = await signInPage();
      const response = await agent.request(`${url}/login`, {
        form: { username: 'patient', password: 'sandbox' },
      });
      expect(response.status).toBe(403);
    });

    it('marks up the sign-in page accessibly', async () => {
      const { html } = await signInPage();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<label for="username">Username</label>');
      expect(html).toContain('<label for="password">Password</label>');
      expect(html).toMatch(/<input id="username"[^>]* autofocus/);
      expect(html).toContain('<button type="submit">Sign in</button>');
    });
  });

  describe('the apps page (management_endpoint)', () => {
    it('shows the apps holding a grant and revokes one, which ends its tokens at once', async () => {
      const agent = new UserAgent();
      const { params, verifier } = authorizeParams();
      const outcome = await drive(agent, `${server.issuer}/auth?${params}`, app.redirectUri, PATIENT_USER);
      const reply = await redeem(String(outcome.redirect?.searchParams.get('code')), verifier);
      expect((await introspect(String(reply.body.access_token))).active).toBe(true);
      const page = await (await agent.request(`${server.issuer}/account/apps`)).text();
      expect(page).toContain(`<strong>Test app ${APP}</strong>`);
      const grantIds = [...page.matchAll(/name="grant_id" value="([^"]+)"/g)].map((match) => match[1] ?? '');
      const token = /name="form_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
      expect(grantIds.length).toBeGreaterThan(0);
      for (const grantId of grantIds) {
        const revoked = await agent.request(`${server.issuer}/account/apps/revoke`, {
          form: { form_token: token, grant_id: grantId },
        });
        expect(revoked.status).toBe(303);
      }
      expect(await introspect(String(reply.body.access_token))).toEqual({ active: false });
      const after = await (await agent.request(`${server.issuer}/account/apps`)).text();
      expect(after).toContain('No app holds access to your data.');
    });

    it('asks a visitor without a session to sign in', async () => {
      const html = await (await new UserAgent().request(`${server.issuer}/account/apps`)).text();
      expect(html).toContain('<label for="username">Username</label>');
    });
  });
});
