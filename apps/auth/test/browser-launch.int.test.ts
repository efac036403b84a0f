import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, launchChromium, signInAs } from './browser.ts';
import { type FhirclientApp, startFhirclientApp } from './fhirclient-app.ts';
import { type RunningAuth, startAuth } from './harness.ts';
import {
  registerPublicApp,
  SANDBOX_PATIENT,
  seedEverything,
  startTestApp,
  type TestApp,
} from './launch-fixtures.ts';

// The two launches SMART certification asks for, driven in headless Chromium by the auth server's own
// pages, completed by two clients we did not write: openid-client and fhirclient.

const targets = await testTargets();
const OIDC_APP = 'oidc-app';
const FHIRCLIENT_APP = 'fhirclient-app';
const PATIENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs';
const EHR_SCOPE = 'openid fhirUser launch online_access patient/*.rs user/*.rs';

describe.each(targets)('SMART launches in Chromium on $name', (target) => {
  let db: Database;
  let server: RunningAuth;
  let app: TestApp;
  let smartApp: FhirclientApp;
  let browser: Browser;

  beforeAll(async () => {
    db = await target.open();
    await seedEverything(db);
    app = await startTestApp();
    smartApp = await startFhirclientApp(
      FHIRCLIENT_APP,
      'openid fhirUser launch/patient offline_access patient/*.rs',
    );
    await registerPublicApp(db, OIDC_APP, app);
    await registerPublicApp(db, FHIRCLIENT_APP, smartApp);
    server = await startAuth(db, undefined, { FHIR_BASE_URL: smartApp.fhirBase });
    smartApp.setIssuer(server.issuer);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await app?.close();
    await smartApp?.close();
    await db?.close();
    await target.dispose();
  });

  async function oidcConfig() {
    return client.discovery(
      new URL(server.issuer),
      OIDC_APP,
      { token_endpoint_auth_method: 'none' },
      client.None(),
      {
        execute: [client.allowInsecureRequests],
      },
    );
  }

  async function verifyIdToken(idToken: string, audience: string) {
    const { payload, protectedHeader } = await jwtVerify(
      idToken,
      createRemoteJWKSet(new URL(`${server.issuer}/jwks`)),
      {
        issuer: server.issuer,
        audience,
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    return payload;
  }

  describe('openid-client', () => {
    it('completes a standalone patient launch', async () => {
      const config = await oidcConfig();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: app.redirectUri,
        scope: PATIENT_SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        aud: smartApp.fhirBase,
      });
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(url.href);
      await signInAs(page, 'patient');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Test app ${OIDC_APP} would like to:`,
      );
      expect(await page.getByRole('checkbox').count()).toBe(1);
      await allow(page);
      await page.waitForURL(`${app.redirectUri}?**`);
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      await page.close();
      expect(tokens).toMatchObject({
        token_type: 'bearer',
        scope: PATIENT_SCOPE,
        patient: SANDBOX_PATIENT,
        need_patient_banner: true,
        smart_style_url: `${server.issuer}/smart-style.json`,
      });
      expect(typeof tokens.refresh_token).toBe('string');
      expect(tokens.claims()?.fhirUser).toBe(`Patient/${SANDBOX_PATIENT}`);
      expect((await verifyIdToken(String(tokens.id_token), OIDC_APP)).fhirUser).toBe(
        `Patient/${SANDBOX_PATIENT}`,
      );
      const refreshed = await client.refreshTokenGrant(config, String(tokens.refresh_token));
      expect(refreshed).toMatchObject({ scope: PATIENT_SCOPE, patient: SANDBOX_PATIENT });
    });

    it('completes an EHR clinician launch from the sandbox EHR', async () => {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(
        `${server.issuer}/sandbox/ehr-launch?client_id=${OIDC_APP}&patient=${SANDBOX_PATIENT}&encounter=enc-7`,
      );
      await signInAs(page, 'clinician');
      await page.waitForURL(`${app.launchUri}?**`);
      const launchUrl = new URL(page.url());
      expect(launchUrl.searchParams.get('iss')).toBe(smartApp.fhirBase);
      const config = await oidcConfig();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: app.redirectUri,
        scope: EHR_SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        aud: String(launchUrl.searchParams.get('iss')),
        launch: String(launchUrl.searchParams.get('launch')),
      });
      await page.goto(url.href);
      // Already signed in at the EHR: straight to consent.
      await allow(page);
      await page.waitForURL(`${app.redirectUri}?**`);
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      await page.close();
      expect(tokens).toMatchObject({
        scope: EHR_SCOPE,
        patient: SANDBOX_PATIENT,
        encounter: 'enc-7',
        need_patient_banner: true,
      });
      expect(typeof tokens.refresh_token).toBe('string');
      expect((await verifyIdToken(String(tokens.id_token), OIDC_APP)).fhirUser).toBe(
        'Practitioner/sandbox-clinician',
      );
    });
  });

  describe('fhirclient (Node adapter)', () => {
    it('completes a standalone patient launch', async () => {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(`${smartApp.launchUri}?iss=${encodeURIComponent(smartApp.fhirBase)}`);
      await signInAs(page, 'patient');
      await allow(page);
      await page.waitForURL(`${smartApp.redirectUri}?**`);
      expect(await page.locator('#patient').textContent()).toBe(SANDBOX_PATIENT);
      await page.close();
      const response = smartApp.tokenResponses.at(-1) ?? {};
      expect(response).toMatchObject({ patient: SANDBOX_PATIENT, need_patient_banner: true });
      expect(String(response.scope).split(' ')).toEqual(
        expect.arrayContaining(['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/*.rs']),
      );
      expect((await verifyIdToken(String(response.id_token), FHIRCLIENT_APP)).fhirUser).toBe(
        `Patient/${SANDBOX_PATIENT}`,
      );
    });

    it('completes an EHR clinician launch from the sandbox EHR', async () => {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(
        `${server.issuer}/sandbox/ehr-launch?client_id=${FHIRCLIENT_APP}&patient=a-nsclc-egfr-osimertinib&encounter=enc-9`,
      );
      await signInAs(page, 'clinician');
      await allow(page);
      await page.waitForURL(`${smartApp.redirectUri}?**`);
      expect(await page.locator('#patient').textContent()).toBe('a-nsclc-egfr-osimertinib');
      await page.close();
      const response = smartApp.tokenResponses.at(-1) ?? {};
      expect(response).toMatchObject({
        patient: 'a-nsclc-egfr-osimertinib',
        encounter: 'enc-9',
        need_patient_banner: true,
      });
      expect((await verifyIdToken(String(response.id_token), FHIRCLIENT_APP)).fhirUser).toBe(
        'Practitioner/sandbox-clinician',
      );
    });
  });
});
