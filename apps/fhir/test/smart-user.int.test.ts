import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The auth server's own test tools: a cookie-keeping user agent that fills the sign-in and consent forms.
import { registerPublicApp, startTestApp, type TestApp } from '../../auth/test/launch-fixtures.ts';
import { drive, type Person, pkcePair, UserAgent } from '../../auth/test/user-agent.ts';
import { call, type Platform, startPlatform } from './harness.ts';

const targets = await testTargets();
const OWN_PATIENT = 'a-breast-her2-trastuzumab-pertuzumab';

describe.each(targets)('SMART user tokens at the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let app: TestApp;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    app = await startTestApp();
    await registerPublicApp(
      db,
      'e2e-app',
      app,
      'openid fhirUser launch/patient offline_access patient/*.rs user/*.rs',
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  /** Signs in, consents and redeems the code: the app's token response. */
  async function launch(scope: string, person: Person): Promise<Record<string, unknown>> {
    const pkce = pkcePair();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: 'e2e-app',
      redirect_uri: app.redirectUri,
      scope,
      state: 'e2e-state',
      aud: platform.base,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
    const outcome = await drive(
      new UserAgent(),
      `${platform.issuer}/auth?${params}`,
      app.redirectUri,
      person,
    );
    const code = outcome.redirect?.searchParams.get('code');
    if (!code) throw new Error(`no code: ${outcome.page?.html.slice(0, 300)}`);
    const reply = await fetch(`${platform.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: app.redirectUri,
        client_id: 'e2e-app',
        code_verifier: pkce.verifier,
      }),
    });
    return (await reply.json()) as Record<string, unknown>;
  }

  it('confines a patient’s token to their own record', async () => {
    const tokens = await launch('openid fhirUser launch/patient patient/*.rs', {
      username: 'patient',
      password: 'sandbox',
    });
    expect(tokens.patient).toBe(OWN_PATIENT);
    const token = String(tokens.access_token);
    expect((await call(`${platform.base}/Patient/${OWN_PATIENT}`, token)).status).toBe(200);
    expect((await call(`${platform.base}/Patient/a-nsclc-egfr-osimertinib`, token)).status).toBe(404);
    const observations = await call(`${platform.base}/Observation?_count=100`, token);
    const subjects = (observations.body.entry as { resource: { subject?: { reference: string } } }[]).map(
      (entry) => entry.resource.subject?.reference,
    );
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects)).toEqual(new Set([`Patient/${OWN_PATIENT}`]));
  });

  it('gives a clinician their hospital’s patients, and 403 for a type they deselected on the consent page', async () => {
    const tokens = await launch('openid fhirUser user/Patient.rs user/Observation.rs', {
      username: 'clinician',
      password: 'sandbox',
      untick: ['user/Observation.rs'],
    });
    expect(String(tokens.scope)).not.toContain('user/Observation.rs');
    const token = String(tokens.access_token);
    const patients = await call(`${platform.base}/Patient?_total=accurate`, token);
    expect(patients.body.total).toBe(5);
    expect((await call(`${platform.base}/Patient/b-gastric-her2-trastuzumab`, token)).status).toBe(404);
    expect((await call(`${platform.base}/Observation`, token)).status).toBe(403);
  });

  it('refuses the token at once when the user’s grant is revoked', async () => {
    const tokens = await launch('openid fhirUser launch/patient patient/*.rs offline_access', {
      username: 'patient',
      password: 'sandbox',
    });
    const token = String(tokens.access_token);
    expect((await call(`${platform.base}/Patient/${OWN_PATIENT}`, token)).status).toBe(200);
    const revoked = await fetch(`${platform.issuer}/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({ token: String(tokens.refresh_token), client_id: 'e2e-app' }),
    });
    expect(revoked.status).toBe(200);
    const after = await call(`${platform.base}/Patient/${OWN_PATIENT}`, token);
    expect(after.status).toBe(401);
  });
});
