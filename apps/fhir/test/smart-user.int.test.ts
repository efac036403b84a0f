import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

const targets = await testTargets();
const OWN_PATIENT = 'a-breast-her2-trastuzumab-pertuzumab';

describe.each(targets)('SMART user tokens at the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let users: UserTokens;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    users = await userTokens(
      db,
      platform,
      'e2e-app',
      'openid fhirUser launch/patient offline_access patient/*.rs user/*.rs',
    );
  }, 120_000);

  afterAll(async () => {
    await users?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('confines a patient’s token to their own record', async () => {
    const tokens = await users.tokenResponse('openid fhirUser launch/patient patient/*.rs', {
      username: 'patient',
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
    const tokens = await users.tokenResponse('openid fhirUser user/Patient.rs user/Observation.rs', {
      username: 'clinician',
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
    const tokens = await users.tokenResponse('openid fhirUser launch/patient patient/*.rs offline_access', {
      username: 'patient',
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
