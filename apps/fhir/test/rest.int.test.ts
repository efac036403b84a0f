import { type Database, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createResources } from '@openpas/fhir-store/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform, startPlatform } from './harness.ts';

const targets = await testTargets();
const A = '0101090517';
const B = '0131020016';
const PAYER = 'A21030000I';

const patient = (family: string, nationalId: string) => ({
  resourceType: 'Patient',
  identifier: [{ system: 'http://www.moi.gov.tw', value: nationalId }],
  name: [{ text: `${family}小明`, family }],
  gender: 'male',
  birthDate: '1970-01-01',
});

describe.each(targets)('the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let tokenA: string;
  let tokenB: string;
  let payer: string;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    await platform.backendClient('hospital-a-his', A, 'system/*.cruds');
    await platform.backendClient('hospital-b-his', B, 'system/*.cruds');
    await platform.backendClient('nhia-reviewer-system', PAYER, 'system/*.rs');
    await platform.backendClient('hospital-a-reader', A, 'system/ClaimResponse.rs');
    tokenA = await platform.token('hospital-a-his', 'system/*.cruds');
    tokenB = await platform.token('hospital-b-his', 'system/*.cruds');
    payer = await platform.token('nhia-reviewer-system', 'system/*.rs');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('answers a request without a token with exactly 401 and WWW-Authenticate: Bearer', async () => {
    const reply = await call(`${platform.base}/Patient`, undefined);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    assertValidR4(reply.body);
  });

  it.each([
    ['an unknown token', 'not-a-token'],
    ['a token-shaped string', 'x'.repeat(43)],
    // Access tokens are opaque here: a forged JWT (alg none, HS256 with a guessed key) is just an unknown token.
    [
      'an unsigned JWT (alg none) claiming every scope',
      'eyJhbGciOiAibm9uZSIsICJ0eXAiOiAiYXQrand0In0.eyJpc3MiOiAiaHR0cDovLzEyNy4wLjAuMSIsICJhdWQiOiAiaHR0cDovLzEyNy4wLjAuMS9maGlyIiwgInN1YiI6ICJ4IiwgImNsaWVudF9pZCI6ICJ4IiwgInNjb3BlIjogInN5c3RlbS8qLmNydWRzIiwgImV4cCI6IDQxMDI0NDQ4MDB9.',
    ],
    [
      'an HS256 JWT claiming every scope',
      'eyJhbGciOiAiSFMyNTYiLCAidHlwIjogImF0K2p3dCIsICJraWQiOiAiayJ9.eyJpc3MiOiAiaHR0cDovLzEyNy4wLjAuMSIsICJzY29wZSI6ICJzeXN0ZW0vKi5jcnVkcyIsICJleHAiOiA0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl',
    ],
  ])('refuses %s with 401 invalid_token', async (_name, value) => {
    const reply = await call(`${platform.base}/Patient`, value);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers /healthz and /readyz (both database pools) without a token', async () => {
    const origin = new URL(platform.base).origin;
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${origin}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', guide: { validation: 'on', packages: ['tw.gov.mohw.nhi.pas#1.2.3'] } },
    ]);
  });

  it('serves the CapabilityStatement and the SMART configuration without a token', async () => {
    const metadata = await call(`${platform.base}/metadata`, undefined);
    expect(metadata.status).toBe(200);
    assertValidR4(metadata.body);
    const rest = (metadata.body.rest as { security: { service: { coding: { code: string }[] }[] } }[])[0];
    expect(rest?.security.service[0]?.coding[0]?.code).toBe('SMART-on-FHIR');
    const smart = await call(`${platform.base}/.well-known/smart-configuration`, undefined);
    expect(smart.status).toBe(200);
    expect(smart.headers.get('access-control-allow-origin')).toBe('*');
    expect(smart.body.token_endpoint).toBe(`${platform.issuer}/token`);
  });

  it('creates, reads, updates and keeps the history of a resource, with ETag and Location', async () => {
    const created = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body: patient('王', 'A123456789'),
    });
    expect(created.status).toBe(201);
    assertValidR4(created.body);
    const id = String(created.body.id);
    expect(created.headers.get('location')).toBe(`${platform.base}/Patient/${id}/_history/1`);
    expect(created.headers.get('etag')).toBe('W/"1"');
    const read = await call(`${platform.base}/Patient/${id}`, tokenA);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, meta: { versionId: '1' } });
    const updated = await call(`${platform.base}/Patient/${id}`, tokenA, {
      method: 'PUT',
      body: { ...patient('王', 'A123456789'), id, gender: 'male', birthDate: '1971-02-03' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('W/"2"');
    const stale = await call(`${platform.base}/Patient/${id}`, tokenA, {
      method: 'PUT',
      body: { ...patient('王', 'A123456789'), id },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(stale.status).toBe(412);
    assertValidR4(stale.body);
    const v1 = await call(`${platform.base}/Patient/${id}/_history/1`, tokenA);
    expect(v1.body).toMatchObject({ birthDate: '1970-01-01', meta: { versionId: '1' } });
    const history = await call(`${platform.base}/Patient/${id}/_history`, tokenA);
    expect(history.body).toMatchObject({ resourceType: 'Bundle', type: 'history', total: 2 });
    assertValidR4(history.body);
  });

  it('lets one of two concurrent If-Match updates win and answers the other 412', async () => {
    const created = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body: patient('林', 'A123456780'),
    });
    const id = String(created.body.id);
    const put = (birthDate: string) =>
      call(`${platform.base}/Patient/${id}`, tokenA, {
        method: 'PUT',
        body: { ...patient('林', 'A123456780'), id, birthDate },
        headers: { 'if-match': 'W/"1"' },
      });
    const replies = await Promise.all([put('1980-01-01'), put('1990-01-01')]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 412]);
  });

  it('creates one resource from 10 parallel conditional creates, and answers retries 200 with its id', async () => {
    const body = patient('陳', 'B123456789');
    const condition = 'identifier=http://www.moi.gov.tw|B123456789';
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`${platform.base}/Patient`, tokenA, {
          method: 'POST',
          body,
          headers: { 'if-none-exist': condition },
        }),
      ),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(9);
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
  });

  it('hides one hospital’s resources from another: read 404, search empty, include nothing', async () => {
    const created = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body: patient('黃', 'C123456789'),
    });
    const id = String(created.body.id);
    const read = await call(`${platform.base}/Patient/${id}`, tokenB);
    expect(read.status).toBe(404);
    assertValidR4(read.body);
    const search = await call(`${platform.base}/Patient?identifier=http://www.moi.gov.tw|C123456789`, tokenB);
    expect(search.status).toBe(200);
    expect(search.body.entry).toBeUndefined();
    const own = await call(`${platform.base}/Patient?identifier=http://www.moi.gov.tw|C123456789`, tokenA);
    expect((own.body.entry as unknown[]).length).toBe(1);
    assertValidR4(own.body);
    // B's own conditional create with A's criteria creates B's own record instead of matching A's.
    const conditional = await call(`${platform.base}/Patient`, tokenB, {
      method: 'POST',
      body: patient('黃', 'C123456789'),
      headers: { 'if-none-exist': 'identifier=http://www.moi.gov.tw|C123456789' },
    });
    expect(conditional.status).toBe(201);
    expect(conditional.body.id).not.toBe(id);
  });

  it('never leaks through _include or chained search across hospitals', async () => {
    // Hospital A's patient and claim; hospital B forges a ClaimResponse pointing at A's claim.
    const aPatient = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body: patient('周', 'D123456789'),
    });
    const aClaim = await call(`${platform.base}/Claim`, tokenA, {
      method: 'POST',
      body: {
        resourceType: 'Claim',
        status: 'active',
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }],
        },
        use: 'preauthorization',
        patient: { reference: `Patient/${aPatient.body.id}` },
        created: '2026-11-01',
        provider: { display: 'A' },
        priority: { coding: [{ code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { display: 'NHI' } }],
      },
    });
    expect(aClaim.status).toBe(201);
    const forgedResponse = {
      resourceType: 'ClaimResponse',
      status: 'active',
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }],
      },
      use: 'preauthorization',
      patient: { reference: `Patient/${aPatient.body.id}` },
      created: '2026-11-02',
      insurer: { display: 'NHIA' },
      outcome: 'queued',
      request: { reference: `Claim/${aClaim.body.id}` },
    } as const;
    // A ClaimResponse is the workflow's to write: the REST create refuses it outright …
    const forged = await call(`${platform.base}/ClaimResponse`, tokenB, {
      method: 'POST',
      body: forgedResponse,
    });
    expect(forged.status).toBe(403);
    // … so B's forged record is put in the store directly, as if it had got there some other way.
    const orgB = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode: B } });
    const sql = await openFastSql(db);
    await createResources(sql, [forgedResponse], { owner: orgB.id });
    await sql.close();
    const included = await call(`${platform.base}/ClaimResponse?_include=ClaimResponse:request`, tokenB);
    expect(included.status).toBe(200);
    const types = (included.body.entry as { resource: { resourceType: string } }[]).map(
      (entry) => entry.resource.resourceType,
    );
    expect(types).not.toContain('Claim');
    const chained = await call(
      `${platform.base}/ClaimResponse?request.patient.identifier=http://www.moi.gov.tw|D123456789`,
      tokenB,
    );
    expect(chained.status).toBe(200);
    expect(chained.body.entry).toBeUndefined();
    const forA = await call(`${platform.base}/Claim?patient=Patient/${aPatient.body.id}`, tokenA);
    expect((forA.body.entry as unknown[]).length).toBe(1);
  });

  it('lets the payer’s clients see every hospital’s resources', async () => {
    const search = await call(
      `${platform.base}/Patient?identifier=http://www.moi.gov.tw|C123456789&_total=accurate`,
      payer,
    );
    expect(search.body.total).toBe(2);
  });

  it('refuses what the scopes do not allow with 403', async () => {
    const reader = await platform.token('hospital-a-reader', 'system/ClaimResponse.rs');
    const reply = await call(`${platform.base}/Bundle`, reader, {
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'collection' },
    });
    expect(reply.status).toBe(403);
    assertValidR4(reply.body);
    expect((await call(`${platform.base}/Patient`, reader)).status).toBe(403);
  });

  it.each([
    ['a wrong Content-Type', { 'content-type': 'text/plain' }, 'x', 415],
    ['invalid JSON', {}, '{"resourceType": ', 400],
    ['another resource type', {}, JSON.stringify({ resourceType: 'Observation' }), 400],
  ])('refuses %s', async (_name, headers, body, status) => {
    const reply = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body,
      headers: headers as Record<string, string>,
    });
    expect(reply.status).toBe(status);
    assertValidR4(reply.body);
  });

  it('answers an unknown search parameter with 400 and its name, unless Prefer: handling=lenient', async () => {
    const strict = await call(`${platform.base}/Patient?shoe-size=42`, tokenA);
    expect(strict.status).toBe(400);
    expect(JSON.stringify(strict.body)).toContain('shoe-size');
    const lenient = await call(`${platform.base}/Patient?shoe-size=42`, tokenA, {
      headers: { prefer: 'handling=lenient' },
    });
    expect(lenient.status).toBe(200);
  });

  it('keeps quotes, % and commas in values as data, never as SQL', async () => {
    const reply = await call(
      `${platform.base}/Patient?name=${encodeURIComponent("o'brien%'; DROP TABLE fhir_resource; --")}`,
      tokenA,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.entry).toBeUndefined();
    expect(await db.prisma.fhirResource.count()).toBeGreaterThan(0);
  });

  it('writes an audit event for reads, searches, creates and refused access', async () => {
    const before = await db.prisma.auditEvent.count({ where: { clientId: 'hospital-b-his' } });
    await call(`${platform.base}/Patient?name=x`, tokenB);
    await call(`${platform.base}/Patient/does-not-exist`, tokenB);
    const events = await db.prisma.auditEvent.findMany({
      where: { clientId: 'hospital-b-his' },
      orderBy: { id: 'asc' },
    });
    expect(events.length).toBe(before + 2);
    expect(events.slice(-2).map((event) => [event.subtype, event.outcome])).toEqual([
      ['search', 0],
      ['read', 4],
    ]);
  });

  it('answers a body over the limit and a Bundle with too many entries with 413', async () => {
    const huge = await call(`${platform.base}/Patient`, tokenA, {
      method: 'POST',
      body: {
        ...patient('大', 'E123456789'),
        text: { status: 'generated', div: `<div>${'x'.repeat(9 * 1024 * 1024)}</div>` },
      },
    });
    expect(huge.status).toBe(413);
    const many = await call(`${platform.base}/Bundle`, tokenA, {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'collection',
        entry: Array.from({ length: 1001 }, () => ({ resource: { resourceType: 'Basic' } })),
      },
    });
    expect(many.status).toBe(413);
    assertValidR4(many.body);
  });

  it('answers Prefer: return=minimal with headers only', async () => {
    const reply = await fetch(`${platform.base}/Patient`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokenA}`,
        'content-type': 'application/fhir+json',
        prefer: 'return=minimal',
      },
      body: JSON.stringify(patient('吳', 'F123456789')),
    });
    expect(reply.status).toBe(201);
    expect(await reply.text()).toBe('');
    expect(reply.headers.get('location')).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
  });

  it('refuses an expired token and a token issued for another server with 401', async () => {
    const expired = await platform.token('hospital-a-his', 'system/Patient.rs');
    const elsewhere = await platform.token('hospital-a-his', 'system/Patient.rs');
    for (const [value, change] of [
      [expired, { exp: Math.floor(Date.now() / 1000) - 5 }],
      [elsewhere, { aud: 'https://another-fhir-server.example/fhir' }],
    ] as const) {
      const row = await db.prisma.oidcPayload.findFirstOrThrow({ where: { id: value } });
      await db.prisma.oidcPayload.update({
        where: { model_id: { model: row.model, id: row.id } },
        data: { payload: { ...(row.payload as Record<string, unknown>), ...change } as never },
      });
      const reply = await call(`${platform.base}/Patient`, value);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('limits a granular scope to the resources its filter names', async () => {
    await platform.backendClient('lab-only', A, 'system/Observation.crs?category=laboratory');
    const observation = (category: string) => ({
      resourceType: 'Observation',
      status: 'final',
      category: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: category }],
        },
      ],
      code: { text: 'Hb' },
    });
    const lab = await call(`${platform.base}/Observation`, tokenA, {
      method: 'POST',
      body: observation('laboratory'),
    });
    const vital = await call(`${platform.base}/Observation`, tokenA, {
      method: 'POST',
      body: observation('vital-signs'),
    });
    const labOnly = await platform.token('lab-only', 'system/Observation.crs?category=laboratory');
    expect((await call(`${platform.base}/Observation/${lab.body.id}`, labOnly)).status).toBe(200);
    expect((await call(`${platform.base}/Observation/${vital.body.id}`, labOnly)).status).toBe(404);
    expect((await call(`${platform.base}/Observation?category=laboratory`, labOnly)).status).toBe(200);
    expect((await call(`${platform.base}/Observation`, labOnly)).status).toBe(403);
    expect(
      (
        await call(`${platform.base}/Observation`, labOnly, {
          method: 'POST',
          body: observation('vital-signs'),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(`${platform.base}/Observation`, labOnly, {
          method: 'POST',
          body: observation('laboratory'),
        })
      ).status,
    ).toBe(201);
  });

  it('opens the audit trail to the payer and to nobody else', async () => {
    const trail = await call(`${platform.base}/AuditEvent?subtype=read&_count=5`, payer);
    expect(trail.status).toBe(200);
    assertValidR4(trail.body);
    const entries = trail.body.entry as { resource: { subtype: { code: string }[] } }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.resource.subtype[0]?.code === 'read')).toBe(true);
    expect((await call(`${platform.base}/AuditEvent`, tokenA)).status).toBe(403);
  });

  it('pages the audit trail by its next links, newest first, and counts it with _count=0', async () => {
    // Each search of the trail is itself recorded: five of them make sure there are pages to follow.
    for (let i = 0; i < 5; i++) await call(`${platform.base}/AuditEvent?_count=1`, payer);
    const counted = await call(`${platform.base}/AuditEvent?subtype=search&_count=0`, payer);
    expect(counted.status).toBe(200);
    expect(counted.body.entry ?? []).toEqual([]);
    const total = Number(counted.body.total);
    expect(total).toBeGreaterThan(2);
    const seen: number[] = [];
    let url: string | undefined = `${platform.base}/AuditEvent?subtype=search&_count=2`;
    // Paging is itself searching: it adds events on top, and the pages below the first do not shift.
    while (url && seen.length < total) {
      const page = await call(url, payer);
      expect(page.status).toBe(200);
      for (const entry of (page.body.entry ?? []) as { resource: { id: string } }[])
        seen.push(Number(entry.resource.id));
      url = (page.body.link as { relation: string; url: string }[]).find(
        (link) => link.relation === 'next',
      )?.url;
    }
    expect(seen.length).toBeGreaterThanOrEqual(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect((await call(`${platform.base}/AuditEvent?_count=-1`, payer)).status).toBe(400);
    expect((await call(`${platform.base}/AuditEvent?_cursor=eyJvZmZzZXQiOjB9`, payer)).status).toBe(400);
  });

  it('stops honouring a token the moment it is revoked', async () => {
    const value = await platform.token('hospital-a-his', 'system/Patient.rs');
    expect((await call(`${platform.base}/Patient`, value)).status).toBe(200);
    expect(await platform.revoke('hospital-a-his', value)).toBe(200);
    expect((await call(`${platform.base}/Patient`, value)).status).toBe(401);
  });
});
