import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';

const targets = await testTargets();

const patient = (nationalId: string) => ({
  resourceType: 'Patient',
  identifier: [{ system: 'http://www.moi.gov.tw', value: nationalId }],
  gender: 'female',
});

describe.each(targets)('integrity and scope forms at the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    await platform.backendClient('v1-client', '0101090517', 'system/Patient.read system/Patient.write');
    await platform.backendClient('his-a', '0101090517', 'system/*.cruds');
    await platform.backendClient('his-b', '0131020016', 'system/*.cruds');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('understands SMART v1 scopes: .read reads and searches, .write creates', async () => {
    const token = await platform.token('v1-client', 'system/Patient.read system/Patient.write');
    const created = await call(`${platform.base}/Patient`, token, {
      method: 'POST',
      body: patient('K223456781'),
    });
    expect(created.status).toBe(201);
    expect((await call(`${platform.base}/Patient/${created.body.id}`, token)).status).toBe(200);
    expect((await call(`${platform.base}/Patient?identifier=K223456781`, token)).status).toBe(200);
    expect((await call(`${platform.base}/Observation`, token)).status).toBe(403);
  });

  it('answers a conditional create that matches several resources with 412', async () => {
    const token = await platform.token('his-a', 'system/*.cruds');
    for (let i = 0; i < 2; i += 1)
      await call(`${platform.base}/Patient`, token, { method: 'POST', body: patient('L223456782') });
    const reply = await call(`${platform.base}/Patient`, token, {
      method: 'POST',
      body: patient('L223456782'),
      headers: { 'if-none-exist': 'identifier=http://www.moi.gov.tw|L223456782' },
    });
    expect(reply.status).toBe(412);
  });

  it('never returns another hospital’s resources through _revinclude', async () => {
    const a = await platform.token('his-a', 'system/*.cruds');
    const b = await platform.token('his-b', 'system/*.cruds');
    const bPatient = await call(`${platform.base}/Patient`, b, {
      method: 'POST',
      body: patient('M223456783'),
    });
    // Hospital A writes an Observation about B's patient id; B asks for what points at its patient.
    await call(`${platform.base}/Observation`, a, {
      method: 'POST',
      body: {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: `Patient/${bPatient.body.id}` },
      },
    });
    const reply = await call(
      `${platform.base}/Patient?_id=${bPatient.body.id}&_revinclude=Observation:subject`,
      b,
    );
    expect(reply.status).toBe(200);
    const types = (reply.body.entry as { resource: { resourceType: string } }[]).map(
      (entry) => entry.resource.resourceType,
    );
    expect(types).toEqual(['Patient']);
  });

  it('stores nothing of a submission that fails in the middle of its writes', async () => {
    const token = await platform.token('his-a', 'system/*.cruds');
    const before = {
      resources: await db.prisma.fhirResource.count(),
      audits: await db.prisma.auditEvent.count({ where: { subtype: { startsWith: 'workflow-' } } }),
    };
    // A fault injected inside the database: the index row of one Observation parameter is refused.
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.resource_type = 'Observation' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END; $$`);
    await db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER fail_midway BEFORE INSERT ON search_token FOR EACH ROW EXECUTE FUNCTION fail_midway()',
    );
    try {
      const reply = await call(`${platform.base}/Bundle`, token, {
        method: 'POST',
        body: sandboxRequestBundle('a-hcc-atezolizumab-bevacizumab'),
      });
      expect(reply.status).toBe(500);
    } finally {
      await db.prisma.$executeRawUnsafe('DROP TRIGGER fail_midway ON search_token');
      await db.prisma.$executeRawUnsafe('DROP FUNCTION fail_midway()');
    }
    expect(await db.prisma.fhirResource.count()).toBe(before.resources);
    expect(await db.prisma.auditEvent.count({ where: { subtype: { startsWith: 'workflow-' } } })).toBe(
      before.audits,
    );
    const retry = await call(`${platform.base}/Bundle`, token, {
      method: 'POST',
      body: sandboxRequestBundle('a-hcc-atezolizumab-bevacizumab'),
    });
    expect(retry.status).toBe(201);
  });

  it.skipIf(target.name !== 'postgresql')(
    'stores nothing when the database connection is killed in the middle of a submission',
    async () => {
      const token = await platform.token('his-a', 'system/*.cruds');
      const before = await db.prisma.fhirResource.count();
      // Slow the writes down so the connection can be killed while the transaction is open.
      await db.prisma.$executeRawUnsafe(`CREATE FUNCTION slow_midway() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(3); RETURN NULL; END; $$`);
      await db.prisma.$executeRawUnsafe(
        'CREATE TRIGGER slow_midway AFTER INSERT ON search_token FOR EACH STATEMENT EXECUTE FUNCTION slow_midway()',
      );
      try {
        const pending = call(`${platform.base}/Bundle`, token, {
          method: 'POST',
          body: sandboxRequestBundle('a-myeloma-daratumumab'),
        });
        await new Promise((done) => setTimeout(done, 1_000));
        const killed = await db.prisma.$queryRawUnsafe<{ pid: number }[]>(
          // The backend asleep in the slowed trigger, whichever of the submission's statements fired it.
          "SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'PgSleep' AND state = 'active'",
        );
        expect(killed.length).toBeGreaterThan(0);
        // A lost connection is the database failing, not the request: 503 with Retry-After, and nothing stored.
        const answer = await pending;
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBeTruthy();
      } finally {
        await db.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS slow_midway ON search_token');
        await db.prisma.$executeRawUnsafe('DROP FUNCTION IF EXISTS slow_midway()');
      }
      expect(await db.prisma.fhirResource.count()).toBe(before);
      // The server recovers: the pool replaces the dead connection and the next submission succeeds.
      const retry = await call(`${platform.base}/Bundle`, token, {
        method: 'POST',
        body: sandboxRequestBundle('a-myeloma-daratumumab'),
      });
      expect(retry.status).toBe(201);
    },
  );
});
