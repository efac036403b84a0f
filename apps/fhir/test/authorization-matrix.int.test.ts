import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitCase } from './cases.ts';
import { call, type Platform, type Reply, startPlatform } from './harness.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

// Every interaction and operation of the FHIR API against every kind of token, with the exact outcome:
// the status, and for searches how many matches. The access rules live in one guard the store applies, so
// this table is what a new route inherits.

const targets = await testTargets();
const OWN_PATIENT = 'a-breast-her2-trastuzumab-pertuzumab';
const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

const KINDS = ['patient', 'clinician', 'hospital', 'hospitalB', 'granular', 'payer'] as const;
type Kind = (typeof KINDS)[number];
/** A status, or a status and the number of matches of a search. */
type Outcome = number | readonly [status: number, matches: number];

interface Fixtures {
  vital: string;
  lab: string;
  claim: string;
  response: string;
  bundle: string;
  claimBody: Record<string, unknown>;
  responseBody: Record<string, unknown>;
  vitalBody: Record<string, unknown>;
  claimItems: number;
}

interface Row {
  name: string;
  request: (f: Fixtures) => { method?: string; path: string; body?: unknown };
  expect: Record<Kind, Outcome>;
}

const observation = (code: string) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: LAB.split('|')[0], code }] }],
  code: { text: code },
  subject: { reference: `Patient/${OWN_PATIENT}` },
  valueQuantity: { value: 1, unit: 'g/dL' },
});

const same = (status: number, except: Partial<Record<Kind, Outcome>> = {}): Record<Kind, Outcome> => ({
  ...(Object.fromEntries(KINDS.map((kind) => [kind, status])) as Record<Kind, Outcome>),
  ...except,
});

const ROWS: Row[] = [
  {
    name: 'read Patient',
    request: () => ({ path: `Patient/${OWN_PATIENT}` }),
    expect: same(200, { hospitalB: 404, granular: 403 }),
  },
  {
    name: 'vread Patient',
    request: () => ({ path: `Patient/${OWN_PATIENT}/_history/1` }),
    expect: same(200, { hospitalB: 404, granular: 403 }),
  },
  {
    name: 'history Patient',
    request: () => ({ path: `Patient/${OWN_PATIENT}/_history` }),
    expect: same(200, { hospitalB: 404, granular: 403 }),
  },
  {
    name: 'search Patient',
    request: () => ({ path: `Patient?_id=${OWN_PATIENT}` }),
    expect: same(200, {
      patient: [200, 1],
      clinician: [200, 1],
      hospital: [200, 1],
      hospitalB: [200, 0],
      payer: [200, 1],
      granular: 403,
    }),
  },
  {
    name: 'create Patient',
    request: () => ({ method: 'POST', path: 'Patient', body: { resourceType: 'Patient', gender: 'female' } }),
    expect: same(201, { patient: 403, payer: 403, granular: 403 }),
  },
  {
    name: 'read Observation outside the granular filter',
    request: (f) => ({ path: `Observation/${f.vital}` }),
    expect: same(200, { hospitalB: 404, granular: 404 }),
  },
  {
    name: 'history of an Observation outside the granular filter',
    request: (f) => ({ path: `Observation/${f.vital}/_history` }),
    expect: same(200, { hospitalB: 404, granular: 404 }),
  },
  {
    name: 'read Observation inside the granular filter',
    request: (f) => ({ path: `Observation/${f.lab}` }),
    expect: same(200, { hospitalB: 404 }),
  },
  {
    name: 'search Observation by the granular filter',
    request: () => ({ path: `Observation?category=${encodeURIComponent(LAB)}` }),
    expect: same(200, {
      patient: [200, 1],
      clinician: [200, 1],
      hospital: [200, 1],
      hospitalB: [200, 0],
      granular: [200, 1],
      payer: [200, 1],
    }),
  },
  {
    name: 'update Observation',
    request: (f) => ({ method: 'PUT', path: `Observation/${f.vital}`, body: f.vitalBody }),
    expect: same(200, { patient: 403, hospitalB: 404, granular: 403 }),
  },
  {
    // The case refers to the patient's own record (matched by national ID), so it lies in their compartment.
    name: 'read a case’s Claim',
    request: (f) => ({ path: `Claim/${f.claim}` }),
    expect: same(200, { hospitalB: 404, granular: 403 }),
  },
  {
    name: 'update a case’s Claim',
    request: (f) => ({ method: 'PUT', path: `Claim/${f.claim}`, body: f.claimBody }),
    expect: same(403, { hospitalB: 404 }),
  },
  {
    name: 'read a submitted Bundle',
    request: (f) => ({ path: `Bundle/${f.bundle}` }),
    expect: same(200, { patient: 404, hospitalB: 404, granular: 403 }),
  },
  {
    name: 'create ClaimResponse',
    request: (f) => ({ method: 'POST', path: 'ClaimResponse', body: { ...f.responseBody, id: undefined } }),
    expect: same(403),
  },
  {
    name: 'update ClaimResponse without a transition',
    request: (f) => ({ method: 'PUT', path: `ClaimResponse/${f.response}`, body: f.responseBody }),
    expect: same(403, { payer: 422 }),
  },
  {
    name: 'submit a case (POST Bundle)',
    request: () => ({ method: 'POST', path: 'Bundle', body: sandboxRequestBundle('a-crc-kras-bevacizumab') }),
    expect: same(403, { clinician: 201, hospital: 201 }),
  },
  {
    name: 'check a case (Bundle/$validate)',
    request: () => ({
      method: 'POST',
      path: 'Bundle/$validate',
      body: sandboxRequestBundle('a-crc-kras-bevacizumab'),
    }),
    expect: same(403, { clinician: 200, hospital: 200, hospitalB: 200 }),
  },
  {
    name: 'check a Patient (Patient/$validate)',
    request: () => ({
      method: 'POST',
      path: 'Patient/$validate',
      body: { resourceType: 'Patient', gender: 'female' },
    }),
    expect: same(200, { patient: 403, payer: 403, granular: 403 }),
  },
  {
    name: 'search AuditEvent',
    request: () => ({ path: 'AuditEvent?subtype=read&_count=1' }),
    expect: same(403, { payer: [200, 1] }),
  },
  {
    name: 'create Subscription',
    request: () => ({
      method: 'POST',
      path: 'Subscription',
      body: {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'follow our cases',
        criteria: 'ClaimResponse',
        channel: {
          type: 'rest-hook',
          endpoint: 'https://his.example/hooks',
          payload: 'application/fhir+json',
        },
      },
    }),
    expect: same(201, { patient: 403, payer: 403, granular: 403 }),
  },
  // Terminology: the guide's conformance resources, for any valid token whatever its scopes.
  {
    name: 'expand a value set (ValueSet/$expand)',
    request: () => ({
      path: `ValueSet/$expand?url=${encodeURIComponent('https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-medication')}&filter=herceptin&count=5`,
    }),
    expect: same(200),
  },
  {
    name: 'look a code up (CodeSystem/$lookup)',
    request: () => ({
      path: `CodeSystem/$lookup?system=${encodeURIComponent('https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw')}&code=0101090517`,
    }),
    expect: same(200),
  },
  {
    name: 'check a code (ValueSet/$validate-code)',
    request: () => ({
      method: 'POST',
      path: 'ValueSet/$validate-code',
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'url', valueUri: 'https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-apply-side' },
          { name: 'code', valueCode: 'L' },
        ],
      },
    }),
    expect: same(200),
  },
  {
    name: 'search ValueSet',
    request: () => ({ path: 'ValueSet?name=NHIApply&_elements=url' }),
    expect: same(200, {
      patient: [200, 3],
      clinician: [200, 3],
      hospital: [200, 3],
      hospitalB: [200, 3],
      granular: [200, 3],
      payer: [200, 3],
    }),
  },
  {
    name: 'update a CodeSystem',
    request: () => ({
      method: 'PUT',
      path: 'CodeSystem/nhi-apply-side',
      body: { resourceType: 'CodeSystem', id: 'nhi-apply-side', status: 'draft', content: 'complete' },
    }),
    expect: same(405),
  },
  {
    name: 'decide a case ($decide)',
    request: (f) => ({
      method: 'POST',
      path: `ClaimResponse/${f.response}/$decide`,
      body: {
        resourceType: 'Parameters',
        parameter: Array.from({ length: f.claimItems }, (_, index) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: index + 1 },
            { name: 'reason', valueCode: '1' },
          ],
        })),
      },
    }),
    expect: same(403, { payer: 200 }),
  },
];

function outcomeOf(reply: Reply, expected: Outcome): Outcome {
  if (typeof expected === 'number' || reply.status !== 200) return reply.status;
  const entries = (reply.body.entry as { search?: { mode: string } }[] | undefined) ?? [];
  return [reply.status, entries.filter((entry) => entry.search?.mode === 'match').length];
}

describe.each(targets)('the authorization matrix on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let users: UserTokens;
  const tokens = {} as Record<Kind, string>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    users = await userTokens(
      db,
      platform,
      'matrix-app',
      'openid fhirUser launch/patient patient/*.rs user/*.cruds',
    );
    await platform.backendClient('his-a', '0101090517', 'system/*.cruds');
    await platform.backendClient('his-b', '0131020016', 'system/*.cruds');
    await platform.backendClient('his-a-lab', '0101090517', `system/Observation.rs?category=${LAB}`);
    tokens.hospital = await platform.token('his-a', 'system/*.cruds');
    tokens.hospitalB = await platform.token('his-b', 'system/*.cruds');
    tokens.granular = await platform.token('his-a-lab', `system/Observation.rs?category=${LAB}`);
    tokens.patient = await users.token('openid fhirUser launch/patient patient/*.rs', {
      username: 'patient',
    });
    tokens.clinician = await users.token('openid fhirUser user/*.cruds', { username: 'clinician' });
    tokens.payer = await users.token('openid fhirUser user/*.rus', { username: 'reviewer' });

    const post = async (path: string, body: unknown) => {
      const reply = await call(`${platform.base}/${path}`, tokens.hospital, { method: 'POST', body });
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(201);
      return reply.body;
    };
    const vital = await post('Observation', observation('vital-signs'));
    const lab = await post('Observation', observation('laboratory'));
    const submission = await submitCase(
      platform,
      tokens.hospital,
      sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab'),
    );
    const { claim, response } = submission;
    fixtures = {
      vital: String(vital.id),
      lab: String(lab.id),
      claim: String(claim.id),
      response: String(response.id),
      bundle: submission.bundleId,
      claimBody: claim,
      responseBody: response,
      vitalBody: vital,
      claimItems: claim.item?.length ?? 0,
    };
  }, 180_000);

  afterAll(async () => {
    await users?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('answers every interaction and operation for every kind of token exactly as the table says', async () => {
    const seen: Record<string, Record<Kind, Outcome>> = {};
    const wanted: Record<string, Record<Kind, Outcome>> = {};
    for (const row of ROWS) {
      const request = row.request(fixtures);
      seen[row.name] = {} as Record<Kind, Outcome>;
      wanted[row.name] = row.expect;
      for (const kind of KINDS) {
        const reply = await call(`${platform.base}/${request.path}`, tokens[kind], {
          ...(request.method ? { method: request.method } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        (seen[row.name] as Record<Kind, Outcome>)[kind] = outcomeOf(reply, row.expect[kind]);
      }
    }
    expect(seen).toEqual(wanted);
  }, 120_000);
});
