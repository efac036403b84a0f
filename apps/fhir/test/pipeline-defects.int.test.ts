import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { type SandboxCaseKey, sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resubmissionOf, submitCase } from './cases.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

// What the review of the old request pipeline found handlers forgetting; each test failed before the
// access rules moved into the store and the workflow's writes into packages/cases.

const targets = await testTargets();
const A = '0101090517';
const PAYER = 'A21030000I';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const LAB = `${CATEGORY}|laboratory`;

const observation = (code: string, value: number) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: CATEGORY, code }] }],
  code: { text: code === 'laboratory' ? 'Hemoglobin' : 'Body weight' },
  subject: { reference: 'Patient/a-breast-her2-trastuzumab-pertuzumab' },
  valueQuantity: { value, unit: code === 'laboratory' ? 'g/dL' : 'kg' },
});

describe.each(targets)('the request pipeline on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let users: UserTokens;
  let hospital: string;
  let labOnly: string;
  let payerLabTrail: string;
  let payerTrail: string;
  let lab: string;
  let vital: string;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    users = await userTokens(
      db,
      platform,
      'pipeline-app',
      'openid fhirUser user/ClaimResponse.rus user/Claim.rs',
    );
    await platform.backendClient('his-a', A, 'system/*.cruds');
    await platform.backendClient('his-a-lab', A, `system/Observation.rus?category=${LAB}`);
    await platform.backendClient('payer-trail', PAYER, 'system/AuditEvent.rs?subtype=create');
    await platform.backendClient('payer-all', PAYER, 'system/AuditEvent.rs');
    hospital = await platform.token('his-a', 'system/*.cruds');
    labOnly = await platform.token('his-a-lab', `system/Observation.rus?category=${LAB}`);
    payerLabTrail = await platform.token('payer-trail', 'system/AuditEvent.rs?subtype=create');
    payerTrail = await platform.token('payer-all', 'system/AuditEvent.rs');
    lab = String(
      (
        await call(`${platform.base}/Observation`, hospital, {
          method: 'POST',
          body: observation('laboratory', 13),
        })
      ).body.id,
    );
    vital = String(
      (
        await call(`${platform.base}/Observation`, hospital, {
          method: 'POST',
          body: observation('vital-signs', 60),
        })
      ).body.id,
    );
    // A second version of each, so that history has something to show.
    for (const [id, code] of [
      [lab, 'laboratory'],
      [vital, 'vital-signs'],
    ] as const)
      await call(`${platform.base}/Observation/${id}`, hospital, {
        method: 'PUT',
        body: { ...observation(code, 14), id },
      });
  }, 180_000);

  afterAll(async () => {
    await users?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  const submit = (key: SandboxCaseKey) => submitCase(platform, hospital, sandboxRequestBundle(key));

  describe('granular scope filters hold on every interaction', () => {
    it('reads and searches only what the filter names (as before)', async () => {
      expect((await call(`${platform.base}/Observation/${lab}`, labOnly)).status).toBe(200);
      expect((await call(`${platform.base}/Observation/${vital}`, labOnly)).status).toBe(404);
      const found = await call(`${platform.base}/Observation?category=${encodeURIComponent(LAB)}`, labOnly);
      expect((found.body.entry as { resource: { id: string } }[]).map((entry) => entry.resource.id)).toEqual([
        lab,
      ]);
      // A search without the filter's parameter is refused outright.
      expect((await call(`${platform.base}/Observation`, labOnly)).status).toBe(403);
    });

    it('keeps a resource outside the filter out of _history and vread', async () => {
      expect((await call(`${platform.base}/Observation/${lab}/_history`, labOnly)).body.total).toBe(2);
      expect((await call(`${platform.base}/Observation/${lab}/_history/1`, labOnly)).status).toBe(200);
      expect((await call(`${platform.base}/Observation/${vital}/_history`, labOnly)).status).toBe(404);
      expect((await call(`${platform.base}/Observation/${vital}/_history/1`, labOnly)).status).toBe(404);
    });

    it('marks a version as created only when it is version 1, not when earlier versions are hidden', async () => {
      const id = String(
        (
          await call(`${platform.base}/Observation`, hospital, {
            method: 'POST',
            body: observation('vital-signs', 70),
          })
        ).body.id,
      );
      await call(`${platform.base}/Observation/${id}`, hospital, {
        method: 'PUT',
        body: { ...observation('laboratory', 71), id },
      });
      const history = await call(`${platform.base}/Observation/${id}/_history`, labOnly);
      expect(history.status).toBe(200);
      const entries = history.body.entry as { request: { method: string }; response: { status: string } }[];
      expect(entries).toHaveLength(1);
      expect(entries[0]?.request.method).toBe('PUT');
      expect(entries[0]?.response.status).toBe('200 OK');
      const full = await call(`${platform.base}/Observation/${id}/_history`, hospital);
      expect(
        (full.body.entry as { request: { method: string } }[]).map((entry) => entry.request.method),
      ).toEqual(['PUT', 'POST']);
    });

    it('refuses an update of a resource outside the filter, and an update that would leave it', async () => {
      const outside = await call(`${platform.base}/Observation/${vital}`, labOnly, {
        method: 'PUT',
        body: { ...observation('vital-signs', 61), id: vital },
      });
      expect(outside.status).toBe(404);
      const leaving = await call(`${platform.base}/Observation/${lab}`, labOnly, {
        method: 'PUT',
        body: { ...observation('vital-signs', 61), id: lab },
      });
      expect(leaving.status).toBe(403);
      const inside = await call(`${platform.base}/Observation/${lab}`, labOnly, {
        method: 'PUT',
        body: { ...observation('laboratory', 12), id: lab },
      });
      expect(inside.status).toBe(200);
    });

    it('refuses $decide on a case outside the reviewer’s granular scope', async () => {
      const {
        response: { id: responseId },
        claim,
      } = await submit('a-breast-her2-trastuzumab-pertuzumab');
      const narrow = await users.token(
        'openid fhirUser user/ClaimResponse.rus?outcome=complete user/Claim.rs',
        {
          username: 'reviewer',
        },
      );
      const decision = {
        resourceType: 'Parameters',
        parameter: (claim?.item ?? []).map((_item, index) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: index + 1 },
            { name: 'reason', valueCode: '1' },
          ],
        })),
      };
      const refused = await call(`${platform.base}/ClaimResponse/${responseId}/$decide`, narrow, {
        method: 'POST',
        body: decision,
      });
      expect(refused.status).toBe(404);
      const reviewer = await users.token('openid fhirUser user/ClaimResponse.rus user/Claim.rs', {
        username: 'reviewer',
      });
      const decided = await call(`${platform.base}/ClaimResponse/${responseId}/$decide`, reviewer, {
        method: 'POST',
        body: decision,
      });
      expect(decided.status, JSON.stringify(decided.body).slice(0, 300)).toBe(200);
    });

    it('shows the payer only the AuditEvents its granular scope names, by search and by read', async () => {
      const trail = await call(`${platform.base}/AuditEvent?subtype=create&_count=50`, payerLabTrail);
      expect(trail.status).toBe(200);
      const events = (trail.body.entry as { resource: { id: string; subtype: { code: string }[] } }[]).map(
        (entry) => entry.resource,
      );
      expect(new Set(events.map((event) => event.subtype[0]?.code))).toEqual(new Set(['create']));
      // Without the filter's parameter the search is refused; a read of another kind of event is not found.
      expect((await call(`${platform.base}/AuditEvent`, payerLabTrail)).status).toBe(403);
      const reads = await call(`${platform.base}/AuditEvent?subtype=read&_count=1`, payerTrail);
      const readEvent = (reads.body.entry as { resource: { id: string } }[])[0]?.resource.id;
      expect(readEvent).toBeDefined();
      expect((await call(`${platform.base}/AuditEvent/${readEvent}`, payerLabTrail)).status).toBe(404);
      expect((await call(`${platform.base}/AuditEvent/${events[0]?.id}`, payerLabTrail)).status).toBe(200);
    });
  });

  describe('the workflow’s resources change only through the workflow', () => {
    it('refuses a ClaimResponse created through REST, even with a write scope for it', async () => {
      const {
        claim: { id: claimId },
      } = await submit('a-crc-kras-bevacizumab');
      const forged = await call(`${platform.base}/ClaimResponse`, hospital, {
        method: 'POST',
        body: {
          resourceType: 'ClaimResponse',
          status: 'active',
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }],
          },
          use: 'preauthorization',
          patient: { reference: 'Patient/x' },
          created: '2026-11-02',
          insurer: { display: 'NHIA' },
          outcome: 'complete',
          disposition: '審畢結果',
          request: { reference: `Claim/${claimId}` },
        },
      });
      expect(forged.status).toBe(403);
      expect(JSON.stringify(forged.body)).toMatch(/opened by the case's submission/);
    });

    it('refuses a hospital’s update of its case’s ClaimResponse, Claim and Bundle, saying why', async () => {
      const {
        bundleId,
        claim: { id: claimId },
        response: { id: responseId },
      } = await submit('a-myeloma-daratumumab');
      const current = (type: string, id: string) => call(`${platform.base}/${type}/${id}`, hospital);
      const response = (await current('ClaimResponse', responseId)).body;
      const approved = await call(`${platform.base}/ClaimResponse/${responseId}`, hospital, {
        method: 'PUT',
        body: { ...response, disposition: '審畢結果', outcome: 'complete' },
      });
      expect(approved.status).toBe(403);
      expect(JSON.stringify(approved.body)).toMatch(/only a payer reviewer/);
      const claim = (await current('Claim', claimId)).body;
      const edited = await call(`${platform.base}/Claim/${claimId}`, hospital, {
        method: 'PUT',
        body: { ...claim, priority: { coding: [{ code: 'stat' }] } },
      });
      expect(edited.status).toBe(403);
      expect(JSON.stringify(edited.body)).toMatch(/belongs to a submitted case/);
      const bundle = (await current('Bundle', bundleId)).body;
      const rewritten = await call(`${platform.base}/Bundle/${bundleId}`, hospital, {
        method: 'PUT',
        body: { ...bundle, entry: [] },
      });
      expect(rewritten.status).toBe(403);
      expect(JSON.stringify(rewritten.body)).toMatch(/is a submitted case/);
      expect((await current('ClaimResponse', responseId)).body.meta).toEqual(response.meta);
    });

    it('accepts the payer’s update of a ClaimResponse only as a legal transition, checked as $decide checks it', async () => {
      const {
        response: { id: responseId },
        claim,
      } = await submit('a-nsclc-egfr-osimertinib');
      const reviewer = await users.token('openid fhirUser user/ClaimResponse.rus user/Claim.rs', {
        username: 'reviewer',
      });
      const current = (await call(`${platform.base}/ClaimResponse/${responseId}`, reviewer)).body;
      const illegal = await call(`${platform.base}/ClaimResponse/${responseId}`, reviewer, {
        method: 'PUT',
        body: { ...current, disposition: '申請檔案未備齊' },
      });
      expect(illegal.status).toBe(422);
      const items = (claim?.item ?? []).map((_item, index) => ({
        itemSequence: index + 1,
        adjudication: [
          {
            category: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
            },
            reason: {
              coding: [
                { system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment', code: '2' },
              ],
            },
            value: 0,
          },
        ],
      }));
      // A denial without the reviewer's comment is refused here exactly as $decide refuses it.
      const uncommented = await call(`${platform.base}/ClaimResponse/${responseId}`, reviewer, {
        method: 'PUT',
        body: { ...current, disposition: '審畢結果', outcome: 'complete', item: items },
      });
      expect(uncommented.status).toBe(422);
      expect(JSON.stringify(uncommented.body)).toMatch(/needs the reviewer's comment/);
      const commented = items.map((item) => ({
        ...item,
        adjudication: item.adjudication.map((a) => ({
          ...a,
          reason: { ...a.reason, text: '不符合給付規定' },
        })),
      }));
      const decided = await call(`${platform.base}/ClaimResponse/${responseId}`, reviewer, {
        method: 'PUT',
        body: { ...current, disposition: '審畢結果', outcome: 'complete', item: commented },
      });
      expect(decided.status, JSON.stringify(decided.body).slice(0, 400)).toBe(200);
      expect(decided.body).toMatchObject({ disposition: '審畢結果', outcome: 'complete' });
      // The stored decision is the workflow's (reviewer extension, status history), not the body as sent.
      expect(JSON.stringify(decided.body.extension)).toContain('extension-claimResponse-requestor');
    });
  });

  it('applies the Subscription rules to an update as to a create', async () => {
    const subscription = {
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'follow our cases',
      criteria: 'ClaimResponse?disposition=審畢結果',
      channel: {
        type: 'rest-hook',
        endpoint: 'https://his.example/hooks/pas',
        payload: 'application/fhir+json',
      },
    };
    const created = await call(`${platform.base}/Subscription`, hospital, {
      method: 'POST',
      body: subscription,
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    for (const endpoint of ['http://his.example/hooks/pas', 'https://user:secret@his.example/hooks/pas']) {
      const updated = await call(`${platform.base}/Subscription/${id}`, hospital, {
        method: 'PUT',
        body: { ...subscription, id, channel: { ...subscription.channel, endpoint } },
      });
      expect(updated.status, endpoint).toBe(422);
      expect((updated.body.issue as { expression: string[] }[])[0]?.expression).toEqual([
        'Subscription.channel.endpoint',
      ]);
    }
  });

  it('numbers acceptances without a gap when a submission fails inside its transaction', async () => {
    const first = await submit('a-hcc-atezolizumab-bevacizumab');
    // An appeal of a case that is still under way: refused inside the transaction (failures after the
    // number is drawn, which is last: acceptance-number.int.test.ts).
    const { bundle: appeal } = resubmissionOf('a-hcc-atezolizumab-bevacizumab', first.acceptanceNumber);
    const refused = await call(`${platform.base}/Bundle`, hospital, { method: 'POST', body: appeal });
    expect(refused.status).toBe(422);
    const next = await submit('a-crc-kras-bevacizumab');
    expect(BigInt(next.acceptanceNumber)).toBe(BigInt(first.acceptanceNumber) + 1n);
  });

  it('numbers parallel submissions consecutively, each number once', async () => {
    const before = BigInt((await submit('a-breast-her2-trastuzumab-pertuzumab')).acceptanceNumber);
    const numbers = await Promise.all(
      Array.from({ length: 6 }, async () =>
        BigInt((await submit('a-crc-kras-bevacizumab')).acceptanceNumber),
      ),
    );
    expect(numbers.sort((a, b) => (a < b ? -1 : 1))).toEqual(
      Array.from({ length: 6 }, (_, n) => before + BigInt(n + 1)),
    );
  });
});
