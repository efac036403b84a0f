import { readFileSync } from 'node:fs';
import { type Database, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { type Bundle, type Claim, sandboxRequestBundle } from '@openpas/fhir-model';
import { readResource, updateResource } from '@openpas/fhir-store/workflow';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resubmissionOf } from './cases.ts';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { eventually, type Hook, startHook } from './notification-hook.ts';
import { expectFoundByEveryTwpasSearch } from './twpas-searches.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

const targets = await testTargets();

const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';

describe.each(targets)('a prior-authorization case from submission to decision on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let users: UserTokens;
  let hospital: string;
  let hook: Hook;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    users = await userTokens(db, platform, 'review-console', REVIEW_SCOPES);
    await platform.backendClient(
      'his-a',
      '0101090517',
      'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Subscription.c',
    );
    hospital = await platform.token(
      'his-a',
      'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Subscription.c',
    );
    hook = await startHook();
    const subscribed = await call(`${platform.base}/Subscription`, hospital, {
      method: 'POST',
      body: {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'follow our cases',
        criteria: 'ClaimResponse?disposition=審畢結果',
        channel: { type: 'rest-hook', endpoint: hook.url, payload: 'application/fhir+json' },
      },
    });
    expect(subscribed.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await hook?.close();
    await users?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  const userToken = (username: string) => users.token(REVIEW_SCOPES, { username });

  /** The reviewer denies every item of a case (reason 2) through $decide; the answer's status. */
  async function denyEveryItem(caseId: string, items: readonly unknown[]): Promise<number> {
    const reviewer = await userToken('reviewer');
    const deny = {
      resourceType: 'Parameters',
      parameter: items.map((_item, index) => ({
        name: 'item',
        part: [
          { name: 'sequence', valueInteger: index + 1 },
          { name: 'reason', valueCode: '2' },
          { name: 'comment', valueString: '不符合給付規定' },
        ],
      })),
    };
    return (
      await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, reviewer, { method: 'POST', body: deny })
    ).status;
  }

  const decision = (reason: string, quantity?: number) => ({
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'item',
        part: [
          { name: 'sequence', valueInteger: 1 },
          { name: 'reason', valueCode: reason },
          { name: 'comment', valueString: reason === '1' ? '符合給付規定' : '請補附最新影像報告' },
          ...(quantity !== undefined ? [{ name: 'approvedQuantity', valueDecimal: quantity }] : []),
        ],
      },
    ],
  });

  it('checks a Bundle without storing it ($validate)', async () => {
    const before = await db.prisma.fhirResource.count();
    const reply = await call(`${platform.base}/Bundle/$validate`, hospital, {
      method: 'POST',
      body: sandboxRequestBundle('a-crc-kras-bevacizumab'),
    });
    expect(reply.status).toBe(200);
    assertValidR4(reply.body);
    expect((reply.body.issue as { severity: string }[]).every((issue) => issue.severity !== 'error')).toBe(
      true,
    );
    expect(await db.prisma.fhirResource.count()).toBe(before);
  });

  it('goes from submission through the pre-check to the reviewer’s decision, which the hospital then finds', async () => {
    const submitted = await call(`${platform.base}/Bundle`, hospital, {
      method: 'POST',
      body: sandboxRequestBundle('a-crc-kras-bevacizumab'),
    });
    expect(submitted.status).toBe(201);
    const claim = (
      submitted.body.entry as {
        resource: { resourceType: string; id: string; item?: { quantity?: { value: number } }[] };
      }[]
    ).find((entry) => entry.resource.resourceType === 'Claim')?.resource;
    const found = await call(`${platform.base}/ClaimResponse?request=Claim/${claim?.id}`, hospital);
    const caseId = String(
      (found.body.entry as { resource: { id: string; disposition: string } }[])[0]?.resource.id,
    );
    expect(
      (found.body.entry as { resource: { disposition: string; outcome: string } }[])[0]?.resource,
    ).toMatchObject({ disposition: '已受理', outcome: 'partial' });

    // The hospital cannot decide its own case; a clinician neither.
    expect(
      (
        await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, hospital, {
          method: 'POST',
          body: decision('1'),
        })
      ).status,
    ).toBe(403);
    const clinician = await userToken('clinician');
    expect(
      (
        await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, clinician, {
          method: 'POST',
          body: decision('1'),
        })
      ).status,
    ).toBe(403);

    const reviewer = await userToken('reviewer');
    const items = claim?.item ?? [];
    const body = {
      resourceType: 'Parameters',
      parameter: items.map((item, index) => ({
        name: 'item',
        part: [
          { name: 'sequence', valueInteger: index + 1 },
          { name: 'reason', valueCode: '1' },
          { name: 'comment', valueString: '符合給付規定' },
          { name: 'approvedQuantity', valueDecimal: item.quantity?.value ?? 1 },
        ],
      })),
    };
    // A decision about a version the case has moved past is refused (If-Match), and changes nothing.
    const stale = await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, reviewer, {
      method: 'POST',
      body,
      headers: { 'if-match': 'W/"99"' },
    });
    expect(stale.status).toBe(412);
    const decided = await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, reviewer, {
      method: 'POST',
      body,
      headers: {
        'if-match': `W/"${(found.body.entry as { resource: { meta: { versionId: string } } }[])[0]?.resource.meta.versionId}"`,
      },
    });
    expect(decided.status, JSON.stringify(decided.body).slice(0, 400)).toBe(200);
    assertValidR4(decided.body);
    expect(decided.body).toMatchObject({ disposition: '審畢結果', outcome: 'complete' });
    // The hospital's Subscription endpoint hears about the decision (and not about the intake: its criteria
    // ask for finished cases only).
    await platform.deliverNotifications();
    await eventually(
      async () => (hook.received.some(({ body }) => body.id === caseId) ? true : undefined),
      'the decision notification',
    );
    expect(hook.received.map(({ body }) => body).filter((body) => body.id === caseId)).toMatchObject([
      { disposition: '審畢結果', outcome: 'complete' },
    ]);

    const seen = await call(
      `${platform.base}/ClaimResponse?adjudication-reason=1&request=Claim/${claim?.id}`,
      hospital,
    );
    expect((seen.body.entry as { resource: { disposition: string } }[])[0]?.resource.disposition).toBe(
      '審畢結果',
    );
    const again = await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, reviewer, {
      method: 'POST',
      body,
    });
    expect(again.status).toBe(409);
    const trail = await db.prisma.auditEvent.findMany({
      where: { resourceId: caseId, subtype: { startsWith: 'workflow-' } },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((event) => event.subtype)).toEqual([
      'workflow-receive',
      'workflow-start-processing',
      'workflow-accept',
      'workflow-start-review',
      'workflow-decide',
    ]);
  });

  it('reopens a denied case when the hospital appeals (申復) with the earlier acceptance number', async () => {
    const submitted = await call(`${platform.base}/Bundle`, hospital, {
      method: 'POST',
      body: sandboxRequestBundle('a-hcc-atezolizumab-bevacizumab'),
    });
    expect(submitted.status).toBe(201);
    type Entry = {
      resource: {
        resourceType: string;
        id: string;
        identifier?: { use?: string; value: string }[];
        item?: unknown[];
      };
    };
    const claim = (submitted.body.entry as Entry[]).find(
      (entry) => entry.resource.resourceType === 'Claim',
    )?.resource;
    const number = String(claim?.identifier?.find((identifier) => identifier.use === 'official')?.value);
    const found = await call(`${platform.base}/ClaimResponse?request=Claim/${claim?.id}`, hospital);
    const caseId = String((found.body.entry as { resource: { id: string } }[])[0]?.resource.id);
    expect(await denyEveryItem(caseId, claim?.item ?? [])).toBe(200);

    const { bundle: appeal, claim: appealClaim } = resubmissionOf('a-hcc-atezolizumab-bevacizumab', number);
    const appealed = await call(`${platform.base}/Bundle`, hospital, { method: 'POST', body: appeal });
    expect(appealed.status, JSON.stringify(appealed.body).slice(0, 500)).toBe(201);
    const newClaim = (appealed.body.entry as Entry[]).find(
      (entry) => entry.resource.resourceType === 'Claim',
    )?.resource;
    const reopened = await call(`${platform.base}/ClaimResponse/${caseId}`, hospital);
    expect(reopened.body).toMatchObject({
      request: { reference: `Claim/${newClaim?.id}` },
      disposition: '已受理',
      outcome: 'partial',
    });
    expect((reopened.body.meta as { versionId: string }).versionId).toBe('3');

    // An appeal citing an unknown acceptance number is refused, and nothing is stored.
    appealClaim.identifier = [{ use: 'secondary', value: '209901010101090517999999' }];
    const unknown = await call(`${platform.base}/Bundle`, hospital, { method: 'POST', body: appeal });
    expect(unknown.status).toBe(422);
  });

  it.skipIf(!sharedAvailable())(
    'accepts the official appeal Bundle-bun-3 once the case it continues exists',
    async () => {
      const read = (name: string) =>
        JSON.parse(readFileSync(sharedPath('twpas/examples', name), 'utf8')) as Record<string, unknown>;
      const first = await call(`${platform.base}/Bundle`, hospital, {
        method: 'POST',
        body: read('Bundle-bun-1.json'),
      });
      expect(first.status).toBe(201);
      type Entry = { resource: { resourceType: string; id: string; item?: unknown[] } };
      const claim = (first.body.entry as Entry[]).find(
        (entry) => entry.resource.resourceType === 'Claim',
      )?.resource;
      // The official appeal cites the guide's example acceptance number: give the earlier case that number.
      const sql = await openFastSql(db);
      await sql.transaction(async (tx) => {
        const stored = await readResource(tx, 'Claim', String(claim?.id));
        const content = stored?.resource as { identifier?: { use?: string; value: string }[] };
        const identifier = (content.identifier ?? []).map((item) =>
          item.use === 'official' ? { ...item, value: '202405301000002' } : item,
        );
        await updateResource(
          tx,
          { ...(stored?.resource as Claim), id: String(claim?.id), identifier } as Claim & { id: string },
          {},
        );
      });
      await sql.close();
      const found = await call(`${platform.base}/ClaimResponse?request=Claim/${claim?.id}`, hospital);
      const caseId = String((found.body.entry as { resource: { id: string } }[])[0]?.resource.id);
      expect(await denyEveryItem(caseId, claim?.item ?? [])).toBe(200);
      const appeal = await call(`${platform.base}/Bundle`, hospital, {
        method: 'POST',
        body: read('Bundle-bun-3.json'),
      });
      expect(appeal.status, JSON.stringify(appeal.body).slice(0, 400)).toBe(201);
      const reopened = await call(`${platform.base}/ClaimResponse/${caseId}`, hospital);
      expect(['已受理', '申請檔案未備齊']).toContain(reopened.body.disposition);
      // The reopened case now answers for the appeal's Claim, to every search a hospital uses.
      expect(reopened.body.request).toEqual({
        reference: `Claim/${(appeal.body as unknown as Bundle).entry?.find((e) => e.resource?.resourceType === 'Claim')?.resource?.id}`,
      });
      await expectFoundByEveryTwpasSearch(
        platform,
        hospital,
        appeal.body as unknown as Bundle,
        String(reopened.body.disposition),
      );
    },
  );
});
