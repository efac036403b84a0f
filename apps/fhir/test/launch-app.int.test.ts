import { type Database, hashPassword } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, pkcePair, UserAgent } from '../../auth/test/user-agent.ts';
import { type SubmittedCase, submitCase } from './cases.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { userTokens } from './user-tokens.ts';

// The hospital launch app (openpas-launch, the sandbox's public client) as a browser runs it: a clinician
// launches it from the sandbox EHR and submits a case, which their hospital then owns; a patient launches
// it standalone and follows the requests made for them.

const targets = await testTargets();
const CLIENT = 'openpas-launch';
const LAUNCH_URL = 'http://localhost:3003';
const CASE = 'a-breast-her2-trastuzumab-pertuzumab';
const EHR_SCOPE = 'openid fhirUser launch online_access user/*.rs user/Bundle.c user/Claim.c';
const PATIENT_SCOPE = 'openid fhirUser launch/patient patient/ClaimResponse.rs patient/Claim.rs';

interface Entry {
  resource: { resourceType: string; id: string; patient?: { reference?: string } };
}

describe.each(targets)('the launch app’s round trip on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let clinicianA: string;
  let clinicianB: string;
  let submitted: SubmittedCase;

  /** The code flow of openpas-launch for `username`, after `agent` was sent to the app's launch URL or not. */
  async function tokenResponse(agent: UserAgent, username: string, scope: string, launch?: string) {
    const pkce = pkcePair();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: `${LAUNCH_URL}/callback`,
      scope,
      state: 'state',
      aud: platform.base,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...(launch ? { launch } : {}),
    });
    const outcome = await drive(agent, `${platform.issuer}/auth?${params}`, `${LAUNCH_URL}/callback`, {
      username,
      password: 'sandbox',
    });
    const code = outcome.redirect?.searchParams.get('code');
    if (!code) throw new Error(`no code for ${username}: ${outcome.page?.html.slice(0, 300)}`);
    const reply = await fetch(`${platform.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${LAUNCH_URL}/callback`,
        client_id: CLIENT,
        code_verifier: pkce.verifier,
      }),
    });
    const body = (await reply.json()) as Record<string, unknown>;
    if (typeof body.access_token !== 'string') throw new Error(`no token: ${body.error_description}`);
    return body;
  }

  /** The sandbox EHR launches openpas-launch for `patient`; the app completes the launch. */
  async function ehrLaunch(username: string, patient: string) {
    const agent = new UserAgent();
    const opened = await drive(
      agent,
      `${platform.issuer}/sandbox/ehr-launch?client_id=${CLIENT}&patient=${patient}`,
      `${LAUNCH_URL}/launch`,
      { username, password: 'sandbox' },
    );
    expect(opened.redirect?.searchParams.get('iss')).toBe(platform.base);
    return tokenResponse(agent, username, EHR_SCOPE, String(opened.redirect?.searchParams.get('launch')));
  }

  const search = async (path: string, token: string) => {
    const reply = await call(`${platform.base}/${path}`, token);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    return ((reply.body.entry ?? []) as Entry[]).map((entry) => entry.resource);
  };

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    const launchA = await ehrLaunch('clinician', CASE);
    expect(launchA).toMatchObject({ patient: CASE, need_patient_banner: true });
    clinicianA = String(launchA.access_token);
    clinicianB = String((await ehrLaunch('clinician-b', 'b-gastric-her2-trastuzumab')).access_token);
    submitted = await submitCase(platform, clinicianA, sandboxRequestBundle(CASE));
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('lets the clinician who submitted find the case’s ClaimResponse and read the stored Claim', async () => {
    const responses = await search(`ClaimResponse?request=Claim/${submitted.claim.id}`, clinicianA);
    expect(responses.map((response) => response.id)).toEqual([submitted.response.id]);
    const claim = await call(`${platform.base}/Claim/${submitted.claim.id}`, clinicianA);
    expect(claim.status).toBe(200);
    expect(claim.body.identifier).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ use: 'official', value: submitted.acceptanceNumber }),
      ]),
    );
    const read = await call(`${platform.base}/ClaimResponse/${submitted.response.id}`, clinicianA);
    expect(read.status).toBe(200);
  });

  it('makes the clinician’s hospital own the submission, whatever client sent it', async () => {
    const hospitalA = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode: '0101090517' } });
    for (const [resourceType, id] of [
      ['Claim', submitted.claim.id],
      ['ClaimResponse', submitted.response.id],
      ['Bundle', submitted.bundleId],
    ] as const) {
      const row = await db.prisma.fhirResource.findUniqueOrThrow({
        where: { resourceType_id: { resourceType, id } },
      });
      expect(row.ownerOrganization, resourceType).toBe(hospitalA.id);
    }
  });

  it('gives a clinician’s submission to their hospital even through an app of another organisation', async () => {
    const [hospitalA, hospitalB] = await Promise.all(
      ['0101090517', '0131020016'].map((nhiCode) =>
        db.prisma.organization.findUniqueOrThrow({ where: { nhiCode } }),
      ),
    );
    const users = await userTokens(db, platform, 'other-org-app', 'openid fhirUser user/*.rs user/Bundle.c');
    try {
      await db.prisma.oAuthClient.update({
        where: { clientId: 'other-org-app' },
        data: { organizationId: hospitalB?.id ?? null },
      });
      const token = await users.token('openid fhirUser user/*.rs user/Bundle.c', { username: 'clinician' });
      const other = await submitCase(platform, token, sandboxRequestBundle('a-nsclc-egfr-osimertinib'));
      const row = await db.prisma.fhirResource.findUniqueOrThrow({
        where: { resourceType_id: { resourceType: 'ClaimResponse', id: other.response.id } },
      });
      expect(row.ownerOrganization).toBe(hospitalA?.id);
    } finally {
      await users.close();
    }
  });

  it('hides the case from a clinician of hospital B', async () => {
    expect(await search(`ClaimResponse?request=Claim/${submitted.claim.id}`, clinicianB)).toEqual([]);
    expect(await search('ClaimResponse', clinicianB)).toEqual([]);
    expect((await call(`${platform.base}/Claim/${submitted.claim.id}`, clinicianB)).status).toBe(404);
    expect((await call(`${platform.base}/ClaimResponse/${submitted.response.id}`, clinicianB)).status).toBe(
      404,
    );
  });

  it('shows the patient the requests made for them, and those only', async () => {
    const tokens = await tokenResponse(new UserAgent(), 'patient', PATIENT_SCOPE);
    expect(tokens.patient).toBe(CASE);
    const token = String(tokens.access_token);
    const responses = await search('ClaimResponse', token);
    expect(responses.map((response) => response.id)).toEqual([submitted.response.id]);
    // The case points at the patient's own record, so a search by it (what SMART apps send) finds it too.
    expect(responses[0]?.patient?.reference).toBe(`Patient/${CASE}`);
    expect((await search(`ClaimResponse?patient=${CASE}`, token)).map((one) => one.id)).toEqual([
      submitted.response.id,
    ]);
    expect((await search('Claim', token)).map((claim) => claim.id)).toEqual([submitted.claim.id]);
  });

  it('never links another hospital’s submission to the patient’s record, even with their national ID', async () => {
    const bundle = sandboxRequestBundle('b-gastric-her2-trastuzumab') as unknown as {
      entry: { resource: { resourceType: string; identifier?: { system: string; value: string }[] } }[];
    };
    const chart = await db.prisma.fhirResource.findUniqueOrThrow({
      where: { resourceType_id: { resourceType: 'Patient', id: CASE } },
    });
    const nationalId = (chart.content as { identifier: { system: string; value: string }[] }).identifier.find(
      (identifier) => identifier.system === 'http://www.moi.gov.tw',
    );
    const patient = bundle.entry.find((entry) => entry.resource.resourceType === 'Patient')?.resource;
    const own = patient?.identifier?.find((identifier) => identifier.system === 'http://www.moi.gov.tw');
    if (!own || !nationalId) throw new Error('no national ID');
    own.value = nationalId.value;
    await platform.backendClient('his-b', '0131020016', 'system/Bundle.crs system/ClaimResponse.rs');
    const hisB = await platform.token('his-b', 'system/Bundle.crs system/ClaimResponse.rs');
    const ofB = await submitCase(platform, hisB, bundle);
    const reference = String((ofB.response.patient as { reference?: string } | undefined)?.reference);
    expect(reference).toMatch(/^Patient\//);
    expect(reference).not.toBe(`Patient/${CASE}`);
    const tokens = await tokenResponse(new UserAgent(), 'patient', PATIENT_SCOPE);
    const responses = await search('ClaimResponse', String(tokens.access_token));
    expect(responses.map((response) => response.id)).toEqual([submitted.response.id]);
  });

  it('shows another patient none of it', async () => {
    await db.prisma.user.create({
      data: {
        username: 'other-patient',
        displayName: 'Other patient',
        passwordHash: await hashPassword('sandbox'),
        roles: ['patient'],
        fhirUser: 'Patient/a-crc-kras-bevacizumab',
        emailVerifiedAt: new Date(),
      },
    });
    const tokens = await tokenResponse(new UserAgent(), 'other-patient', PATIENT_SCOPE);
    expect(tokens.patient).toBe('a-crc-kras-bevacizumab');
    const token = String(tokens.access_token);
    expect(await search('ClaimResponse', token)).toEqual([]);
    expect(await search(`ClaimResponse?patient=${CASE}`, token)).toEqual([]);
    expect((await call(`${platform.base}/ClaimResponse/${submitted.response.id}`, token)).status).toBe(404);
  });
});
