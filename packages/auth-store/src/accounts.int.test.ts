import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from './accounts.ts';

const targets = await testTargets();

describe.each(targets)('app_user accounts on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let accounts: AccountStore;
  let hospitalId: string;
  let clinicianId: string;
  let disabledId: string;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
    accounts = new AccountStore(sql);
    hospitalId = (
      await db.prisma.organization.create({ data: { kind: 'hospital', nhiCode: '0101090517', name: 'A' } })
    ).id;
    clinicianId = (
      await db.prisma.user.create({
        data: {
          username: 'clinician',
          displayName: 'Dr. A',
          passwordHash: 'x',
          roles: ['clinician', 'reviewer'],
          organizationId: hospitalId,
          fhirUser: 'Practitioner/pr-1',
          locale: 'en',
        },
      })
    ).id;
    disabledId = (
      await db.prisma.user.create({
        data: { username: 'gone', displayName: 'Gone', passwordHash: 'x', roles: [], disabledAt: new Date() },
      })
    ).id;
    await db.prisma.user.create({
      data: { username: 'patient', displayName: 'P', passwordHash: 'x', roles: ['patient'] },
    });
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('finds an enabled account by id and by username, with its roles, organisation and fhirUser', async () => {
    const expected = {
      id: clinicianId,
      username: 'clinician',
      displayName: 'Dr. A',
      locale: 'en',
      roles: ['clinician', 'reviewer'],
      organizationId: hospitalId,
      fhirUser: 'Practitioner/pr-1',
    };
    expect(await accounts.findEnabled(clinicianId)).toEqual(expected);
    expect(await accounts.findEnabledByUsername('clinician')).toEqual(expected);
    expect(await accounts.findEnabledByUsername('patient')).toMatchObject({
      roles: ['patient'],
      organizationId: null,
      fhirUser: null,
      locale: 'zh-TW',
    });
  });

  it('never returns a disabled account', async () => {
    expect(await accounts.findEnabled(disabledId)).toBeUndefined();
    expect(await accounts.findEnabledByUsername('gone')).toBeUndefined();
  });

  it('answers unknown for an unknown id or username and for ids that are not UUIDs, without a database error', async () => {
    expect(await accounts.findEnabled('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await accounts.findEnabled("x' OR '1'='1")).toBeUndefined();
    expect(await accounts.findEnabled(`${clinicianId}0`)).toBeUndefined();
    expect(await accounts.findEnabledByUsername('Clinician')).toBeUndefined();
    expect(await accounts.findEnabledByUsername("clinician' OR '1'='1")).toBeUndefined();
  });
});
