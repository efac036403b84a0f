import { type Database, verifyPassword } from '@openpas/db';
import { readSeedConfig, SANDBOX_PASSWORD } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSandbox } from './index.ts';

const targets = await testTargets();

async function counts(db: Database) {
  const p = db.prisma;
  return {
    organizations: await p.organization.count(),
    users: await p.user.count(),
    clients: await p.oAuthClient.count(),
    apps: await p.app.count(),
    resources: await p.fhirResource.count(),
    versions: await p.fhirResourceVersion.count(),
  };
}

describe.each(targets)('the sandbox seed on $name', (target) => {
  let db: Database;

  beforeAll(async () => {
    db = await target.open();
    await seedSandbox(db, readSeedConfig({ LAUNCH_URL: 'http://localhost:3003' }));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await target.dispose();
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await counts(db);
    const summary = await seedSandbox(db, readSeedConfig({ LAUNCH_URL: 'http://localhost:3003' }));
    expect(summary).toContain('0 chart records written');
    expect(await counts(db)).toEqual(before);
    expect(before).toMatchObject({ organizations: 3, users: 7, clients: 4, apps: 2 });
  });

  it('creates the seven accounts of the contract, each with the password "sandbox" hashed', async () => {
    const users = await db.prisma.user.findMany({ orderBy: { username: 'asc' } });
    expect(users.map((user) => [user.username, user.roles])).toEqual([
      ['admin', ['admin']],
      ['clinician', ['clinician']],
      ['clinician-b', ['clinician']],
      ['developer', ['developer']],
      ['hospital-admin', ['hospital_admin']],
      ['patient', ['patient']],
      ['reviewer', ['reviewer']],
    ]);
    for (const user of users) {
      expect(user.passwordHash).not.toContain(SANDBOX_PASSWORD);
      expect(await verifyPassword(SANDBOX_PASSWORD, user.passwordHash)).toBe(true);
    }
  });

  it('links the clinicians and the patient account to records that exist in the FHIR store', async () => {
    const [a, b] = await Promise.all(
      ['0101090517', '0131020016'].map((nhiCode) =>
        db.prisma.organization.findUniqueOrThrow({ where: { nhiCode } }),
      ),
    );
    for (const [username, type, organization] of [
      ['clinician', 'Practitioner', a?.id],
      ['clinician-b', 'Practitioner', b?.id],
      ['patient', 'Patient', a?.id],
    ] as const) {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { username } });
      const [recordType, id] = String(user.fhirUser).split('/');
      expect(recordType).toBe(type);
      const record = await db.prisma.fhirResource.findUnique({
        where: { resourceType_id: { resourceType: type, id: String(id) } },
      });
      // Each record lies in the chart of the hospital the account belongs to (the patient's: hospital A).
      expect(record?.ownerOrganization, username).toBe(organization);
      if (username !== 'patient') expect(user.organizationId).toBe(organization);
    }
    const [clinician, clinicianB] = await Promise.all(
      ['clinician', 'clinician-b'].map((username) =>
        db.prisma.user.findUniqueOrThrow({ where: { username } }),
      ),
    );
    expect(clinicianB?.fhirUser).not.toBe(clinician?.fhirUser);
  });

  it('stores at least five synthetic patients with national ID, chart number and a cancer-drug case', async () => {
    const patients = await db.prisma.fhirResource.findMany({ where: { resourceType: 'Patient' } });
    expect(patients.length).toBeGreaterThanOrEqual(5);
    for (const row of patients) {
      const identifiers = (row.content as { identifier: { system: string; value: string }[] }).identifier;
      expect(
        identifiers.some(
          (identifier) =>
            identifier.system === 'http://www.moi.gov.tw' && /^[A-Z][12]\d{8}$/.test(identifier.value),
        ),
      ).toBe(true);
      expect(identifiers.length).toBeGreaterThanOrEqual(2);
      expect(row.patientId).toBe(row.id);
      // The requested drug and the stage or lab results (the diagnosis itself travels in the Claim).
      for (const type of ['MedicationRequest', 'Observation']) {
        const count = await db.prisma.fhirResource.count({
          where: { resourceType: type, patientId: row.id },
        });
        expect(count, `${type} of ${row.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps each hospital’s charts under that hospital', async () => {
    const [a, b] = await Promise.all(
      ['0101090517', '0131020016'].map((nhiCode) =>
        db.prisma.organization.findUniqueOrThrow({ where: { nhiCode } }),
      ),
    );
    const ofB = await db.prisma.fhirResource.findMany({
      where: { resourceType: 'Patient', ownerOrganization: b?.id },
    });
    const ofA = await db.prisma.fhirResource.findMany({
      where: { resourceType: 'Patient', ownerOrganization: a?.id },
    });
    expect(ofA.map((row) => row.id).every((id) => id.startsWith('a-'))).toBe(true);
    expect(ofB.map((row) => row.id).every((id) => id.startsWith('b-'))).toBe(true);
    expect(ofA.length).toBeGreaterThanOrEqual(5);
    expect(ofB.length).toBeGreaterThanOrEqual(1);
    expect(a?.fhirId).toBeTruthy();
  });

  it('indexes the charts like any resource, so a patient is found by national ID', async () => {
    const rows = await db.prisma.searchToken.findMany({
      where: { resourceType: 'Patient', param: 'identifier', system: 'http://www.moi.gov.tw' },
    });
    expect(rows.length).toBeGreaterThanOrEqual(7);
  });

  it('rewrites every urn:uuid reference to a stored resource', async () => {
    const rows = await db.prisma.fhirResource.findMany();
    const ids = new Set(rows.map((row) => `${row.resourceType}/${row.id}`));
    for (const row of rows) {
      const text = JSON.stringify(row.content);
      expect(text).not.toMatch(/urn:uuid:/);
      for (const [, reference] of text.matchAll(/"reference":"([^"]+)"/g))
        expect(ids.has(String(reference)), reference).toBe(true);
    }
  });

  it('registers the sandbox clients approved, with public keys only', async () => {
    const clients = await db.prisma.oAuthClient.findMany({ orderBy: { clientId: 'asc' } });
    expect(clients.map((client) => [client.clientId, client.reviewStatus])).toEqual([
      ['openpas-launch', 'approved'],
      ['openpas-portal', 'approved'],
      ['sandbox-hospital-b-backend', 'approved'],
      ['sandbox-hospital-backend', 'approved'],
    ]);
    expect(JSON.stringify(clients)).not.toMatch(/"d":/);
    const launch = await db.prisma.oAuthClient.findUniqueOrThrow({ where: { clientId: 'openpas-launch' } });
    expect((launch.metadata as { redirect_uris: string[] }).redirect_uris).toEqual([
      'http://localhost:3003/callback',
    ]);
  });
});
