import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './connect.ts';
import { Prisma } from './generated/prisma/client.ts';
import { migrationsDir } from './migrate/migrations-dir.ts';
import { testTargets } from './testing/targets.ts';

const targets = await testTargets();

describe.each(targets)('database on $name', (target) => {
  let db: Database;

  beforeAll(async () => {
    db = await target.open();
  });

  afterAll(async () => {
    await db?.close();
    await target.dispose();
  });

  it('has every migration applied and applies none on a second open', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('stores organisations and users with their roles', async () => {
    const org = await db.prisma.organization.create({
      data: { kind: 'hospital', nhiCode: '0101090517', name: '臺北市立聯合醫院' },
    });
    const user = await db.prisma.user.create({
      data: {
        username: 'dr-lin',
        displayName: 'Dr Lin',
        passwordHash: 'x',
        roles: ['clinician', 'reviewer'],
        organizationId: org.id,
      },
      include: { organization: true },
    });
    expect(user.roles).toEqual(['clinician', 'reviewer']);
    expect(user.organization?.nhiCode).toBe('0101090517');
  });

  it('refuses a second organisation with the same NHI code (P2002)', async () => {
    const attempt = db.prisma.organization.create({
      data: { kind: 'hospital', nhiCode: '0101090517', name: 'duplicate' },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'P2002' });
  });

  it('rolls back every write of a failed transaction', async () => {
    const attempt = db.prisma.$transaction(async (tx) => {
      await tx.organization.create({ data: { kind: 'hospital', nhiCode: '0131020016', name: 'B' } });
      throw new Error('boom');
    });
    await expect(attempt).rejects.toThrow('boom');
    expect(await db.prisma.organization.findUnique({ where: { nhiCode: '0131020016' } })).toBeNull();
  });

  it('consumes an oidc-provider payload exactly once, even under 20 parallel attempts', async () => {
    await db.prisma.oidcPayload.create({
      data: {
        model: 'AuthorizationCode',
        id: 'code-1',
        payload: { kind: 'AuthorizationCode' },
        grantId: 'g1',
      },
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.prisma.oidcPayload.updateMany({
          where: { model: 'AuthorizationCode', id: 'code-1', consumedAt: null },
          data: { consumedAt: new Date() },
        }),
      ),
    );
    expect(results.filter((result) => result.count === 1)).toHaveLength(1);
    expect(results.filter((result) => result.count === 0)).toHaveLength(19);
  });

  it('records a client-assertion jti once: 20 parallel inserts, one success', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        db.prisma.clientAssertionJti.create({ data: { clientId: 'c1', jti: 'j-1', expiresAt } }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(19);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    }
  });

  it('keeps every version of a FHIR resource beside the current one', async () => {
    const content = (family: string) => ({ resourceType: 'Patient', id: 'p1', name: [{ family }] });
    await db.prisma.$transaction(async (tx) => {
      const at = new Date();
      await tx.fhirResource.create({
        data: { resourceType: 'Patient', id: 'p1', versionId: 1, lastUpdated: at, content: content('Lin') },
      });
      await tx.fhirResourceVersion.create({
        data: {
          resourceType: 'Patient',
          id: 'p1',
          versionId: 1,
          lastUpdated: at,
          method: 'create',
          content: content('Lin'),
        },
      });
    });
    await db.prisma.$transaction(async (tx) => {
      const at = new Date();
      await tx.fhirResource.update({
        where: { resourceType_id: { resourceType: 'Patient', id: 'p1' } },
        data: { versionId: 2, lastUpdated: at, content: content('Chen') },
      });
      await tx.fhirResourceVersion.create({
        data: {
          resourceType: 'Patient',
          id: 'p1',
          versionId: 2,
          lastUpdated: at,
          method: 'update',
          content: content('Chen'),
        },
      });
    });
    const versions = await db.prisma.fhirResourceVersion.findMany({
      where: { resourceType: 'Patient', id: 'p1' },
      orderBy: { versionId: 'asc' },
    });
    expect(
      versions.map((version) => (version.content as { name: { family: string }[] }).name[0]?.family),
    ).toEqual(['Lin', 'Chen']);
  });

  it('gives cases stored before preAuthRef their Claim’s acceptance number (the backfill migration)', async () => {
    const at = new Date();
    const claim = {
      resourceType: 'Claim',
      id: 'bf-claim',
      identifier: [
        { use: 'usual', value: 'file.json' },
        { use: 'official', value: '202612050101090517000042' },
      ],
    };
    const response = (id: string, extra: object = {}) => ({
      resourceType: 'ClaimResponse',
      id,
      request: { reference: 'Claim/bf-claim' },
      ...extra,
    });
    const rows = [
      ['Claim', 'bf-claim', claim],
      ['ClaimResponse', 'bf-old', response('bf-old')],
      ['ClaimResponse', 'bf-new', response('bf-new', { preAuthRef: 'kept' })],
    ] as const;
    for (const [resourceType, id, content] of rows) {
      await db.prisma.fhirResource.create({
        data: { resourceType, id, versionId: 1, lastUpdated: at, content },
      });
      await db.prisma.fhirResourceVersion.create({
        data: { resourceType, id, versionId: 1, lastUpdated: at, method: 'create', content },
      });
    }
    await db.prisma.$executeRawUnsafe(
      await readFile(
        join(migrationsDir, '20261205160000_claim_response_preauthref', 'migration.sql'),
        'utf8',
      ),
    );
    const refs = async (id: string) => {
      const where = { resourceType: 'ClaimResponse', id };
      const current = await db.prisma.fhirResource.findFirstOrThrow({ where });
      const version = await db.prisma.fhirResourceVersion.findFirstOrThrow({ where });
      return [current, version].map((row) => (row.content as { preAuthRef?: string }).preAuthRef);
    };
    expect(await refs('bf-old')).toEqual(['202612050101090517000042', '202612050101090517000042']);
    expect(await refs('bf-new')).toEqual(['kept', 'kept']);
  });

  it('removes the due dates of cases no longer open from the queue index (the review-due migration)', async () => {
    const at = new Date();
    const cases = [
      ['rd-accepted', '已受理'],
      ['rd-review', '審查中'],
      ['rd-decided', '審畢結果'],
      ['rd-incomplete', '申請檔案未備齊'],
    ] as const;
    for (const [id, disposition] of cases) {
      await db.prisma.fhirResource.create({
        data: {
          resourceType: 'ClaimResponse',
          id,
          versionId: 1,
          lastUpdated: at,
          content: { resourceType: 'ClaimResponse', id, disposition },
        },
      });
      await db.prisma.searchDate.create({
        data: { resourceType: 'ClaimResponse', resourceId: id, param: 'review-due', start: at, end: at },
      });
      await db.prisma.searchDate.create({
        data: { resourceType: 'ClaimResponse', resourceId: id, param: 'created', start: at, end: at },
      });
    }
    await db.prisma.$executeRawUnsafe(
      await readFile(join(migrationsDir, '20261205230000_review_due_open_cases', 'migration.sql'), 'utf8'),
    );
    const left = await db.prisma.searchDate.findMany({
      where: { resourceId: { startsWith: 'rd-' } },
      orderBy: [{ param: 'asc' }, { resourceId: 'asc' }],
    });
    expect(left.map((row) => `${row.param} ${row.resourceId}`)).toEqual([
      'created rd-accepted',
      'created rd-decided',
      'created rd-incomplete',
      'created rd-review',
      'review-due rd-accepted',
      'review-due rd-review',
    ]);
  });

  it('refuses to update, delete or truncate audit events', async () => {
    const event = await db.prisma.auditEvent.create({
      data: { action: 'R', subtype: 'read', outcome: 0, resourceType: 'Claim', resourceId: 'c1' },
    });
    await expect(
      db.prisma.auditEvent.update({ where: { id: event.id }, data: { outcome: 8 } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(1);
  });

  it('keeps what was written after the database is closed and opened again', async () => {
    await db.prisma.signingKey.create({
      data: { kid: 'k-restart', alg: 'ES256', privateJwk: { kty: 'EC' } },
    });
    await db.close();
    db = await target.open();
    expect(await db.prisma.signingKey.findUnique({ where: { kid: 'k-restart' } })).toMatchObject({
      alg: 'ES256',
    });
    expect(await db.prisma.organization.count()).toBe(1);
  });
});
