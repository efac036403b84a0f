import { readFileSync } from 'node:fs';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { type Bundle, type ClaimResponse, sandboxRequestBundle } from '@openpas/fhir-model';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { expectFoundByEveryTwpasSearch } from './twpas-searches.ts';

const targets = await testTargets();
const haveShared = sharedAvailable();
const example = (name: string) =>
  JSON.parse(readFileSync(sharedPath('twpas/examples', name), 'utf8')) as Record<string, unknown>;

const OFFICIAL = [
  'Bundle-bun-1.json',
  'Bundle-bun-imm.json',
  'Bundle-bun-self.json',
  'Bundle-bun-uuid-example.json',
];

describe.skipIf(!haveShared).each(targets)('TWPAS submissions on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let hospitalA: string;
  let hospitalB: string;

  beforeAll(async () => {
    db = await target.open();
    // Both validation layers, as on a plain start: the built-in rules and the bundled guide's.
    platform = await startPlatform(db);
    await platform.backendClient(
      'his-a',
      '0101090517',
      'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Patient.rs',
    );
    await platform.backendClient(
      'his-b',
      '0131020016',
      'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs',
    );
    hospitalA = await platform.token(
      'his-a',
      'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Patient.rs',
    );
    hospitalB = await platform.token('his-b', 'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it.each(OFFICIAL)(
    'accepts the official %s, and every TWPAS search finds its case in a Bundle-response-twpas shape',
    async (name) => {
      const reply = await call(`${platform.base}/Bundle`, hospitalA, { method: 'POST', body: example(name) });
      expect(reply.status, JSON.stringify(reply.body).slice(0, 600)).toBe(201);
      assertValidR4(reply.body);
      expect(JSON.stringify(reply.body)).not.toMatch(/"reference":"urn:uuid:/);
      const stored = reply.body as unknown as Bundle;
      const claim = stored.entry?.find((entry) => entry.resource?.resourceType === 'Claim');
      expect(claim?.fullUrl).toBe(`${platform.base}/Claim/${claim?.resource?.id}`);

      const opened = await call(
        `${platform.base}/ClaimResponse?request=Claim/${claim?.resource?.id}`,
        hospitalA,
      );
      const disposition = String(
        (opened.body as unknown as Bundle<ClaimResponse>).entry?.[0]?.resource?.disposition,
      );
      expect(['已受理', '申請檔案未備齊']).toContain(disposition);
      const profiled = await expectFoundByEveryTwpasSearch(platform, hospitalA, stored, disposition);
      // The case's own identifiers and its Claim id always narrow the answer to the one case.
      expect(profiled).toBeGreaterThanOrEqual(3);
    },
  );

  it('answers the official appeal Bundle-bun-3 with 422: the case it continues is not on this server', async () => {
    const reply = await call(`${platform.base}/Bundle`, hospitalA, {
      method: 'POST',
      body: example('Bundle-bun-3.json'),
    });
    expect(reply.status).toBe(422);
    expect(JSON.stringify(reply.body)).toMatch(/no case of this hospital has the acceptance number \d+/);
  });

  it('finds a submitted case by every search a hospital uses', async () => {
    const bundle = sandboxRequestBundle('a-nsclc-egfr-osimertinib');
    const reply = await call(`${platform.base}/Bundle`, hospitalA, { method: 'POST', body: bundle });
    expect(reply.status).toBe(201);
    const entries = reply.body.entry as {
      resource: { resourceType: string; id: string; identifier?: { use?: string; value: string }[] };
    }[];
    const claim = entries.find((entry) => entry.resource.resourceType === 'Claim')?.resource;
    const acceptance = claim?.identifier?.find((identifier) => identifier.use === 'official')?.value;
    expect(acceptance).toMatch(/^\d{8}0101090517\d{6}$/);
    const patient = entries.find((entry) => entry.resource.resourceType === 'Patient')?.resource;
    const nationalId = patient?.identifier?.find((identifier) =>
      /^[A-Z][12]\d{8}$/.test(identifier.value),
    )?.value;
    const searches = [
      `request.patient.identifier=http://www.moi.gov.tw|${nationalId}`,
      `request.identifier=${acceptance}`,
      `request=Claim/${claim?.id}`,
      'requestor.identifier=https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw|0101090517',
      'request._lastUpdated=ge2020-01-01',
      `created=ge2020-01-01&disposition=${encodeURIComponent('已受理')}`,
    ];
    for (const query of searches) {
      const result = await call(
        `${platform.base}/ClaimResponse?${query}&_include=ClaimResponse:request`,
        hospitalA,
      );
      expect(result.status, query).toBe(200);
      const ids = (
        result.body.entry as { resource: { resourceType: string; request?: { reference: string } } }[]
      )
        .filter((entry) => entry.resource.resourceType === 'ClaimResponse')
        .map((entry) => entry.resource.request?.reference);
      expect(ids, query).toContain(`Claim/${claim?.id}`);
    }
  });

  it('answers a Bundle that breaks a TWPAS rule with 422 and the failing FHIRPath, in English on request', async () => {
    const broken = example('Bundle-bun-1.json') as {
      entry: { resource: { resourceType: string; patient?: unknown } }[];
    };
    const claim = broken.entry.find((entry) => entry.resource.resourceType === 'Claim');
    if (claim) delete claim.resource.patient;
    const reply = await call(`${platform.base}/Bundle`, hospitalA, {
      method: 'POST',
      body: broken,
      headers: { 'accept-language': 'en' },
    });
    expect(reply.status).toBe(422);
    assertValidR4(reply.body);
    const issues = reply.body.issue as { expression?: string[]; diagnostics?: string }[];
    expect(
      issues.some((issue) => issue.expression?.some((path) => path.endsWith('ofType(Claim).patient'))),
    ).toBe(true);
    expect(await db.prisma.fhirResource.count({ where: { resourceType: 'Bundle' } })).toBe(
      OFFICIAL.length + 1,
    );
  });

  it('refuses a hospital submitting another hospital’s case', async () => {
    const reply = await call(`${platform.base}/Bundle`, hospitalB, {
      method: 'POST',
      body: example('Bundle-bun-1.json'),
    });
    expect(reply.status).toBe(403);
  });

  it('lets hospital B submit its own sandbox case, which hospital A never sees', async () => {
    const reply = await call(`${platform.base}/Bundle`, hospitalB, {
      method: 'POST',
      body: sandboxRequestBundle('b-gastric-her2-trastuzumab'),
    });
    expect(reply.status).toBe(201);
    const bundleId = String(reply.body.id);
    expect((await call(`${platform.base}/Bundle/${bundleId}`, hospitalA)).status).toBe(404);
    const mine = await call(
      `${platform.base}/ClaimResponse?requestor.identifier=https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw|0131020016`,
      hospitalA,
    );
    expect(mine.body.entry).toBeUndefined();
  });
});
