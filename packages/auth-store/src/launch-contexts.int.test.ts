import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_TTL_SECONDS, LaunchContextStore } from './launch-contexts.ts';
import { sweepExpired } from './oidc-payloads.ts';

const targets = await testTargets();
const USER = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe.each(targets)('launch_context on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let launches: LaunchContextStore;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
    launches = new LaunchContextStore(sql);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('creates an opaque launch value that its client finds with every detail, and finding does not use it', async () => {
    const id = await launches.create(
      {
        clientId: 'app',
        userId: USER,
        patient: 'pat-1',
        encounter: 'enc-1',
        intent: 'reconcile-medications',
        fhirContext: [{ reference: 'Claim/c-1' }],
        needPatientBanner: true,
      },
      at(0),
    );
    expect(id).toMatch(/^[\w-]{32}$/);
    const expected = {
      id,
      clientId: 'app',
      userId: USER,
      patient: 'pat-1',
      encounter: 'enc-1',
      intent: 'reconcile-medications',
      fhirContext: [{ reference: 'Claim/c-1' }],
      needPatientBanner: true,
    };
    expect(await launches.findUsable(id, 'app', at(1))).toEqual(expected);
    expect(await launches.findUsable(id, 'app', at(2))).toEqual(expected);
    expect(await launches.consume(id, 'app', at(3))).toEqual(expected);
  });

  it('keeps a launch from other clients, after its lifetime and beyond plausible lengths', async () => {
    const id = await launches.create({ clientId: 'app', userId: USER }, at(0));
    expect(await launches.findUsable(id, 'other-app', at(1))).toBeUndefined();
    expect(await launches.consume(id, 'other-app', at(1))).toBeUndefined();
    expect(await launches.findUsable(id, 'app', at(LAUNCH_TTL_SECONDS))).toBeUndefined();
    expect(await launches.consume(id, 'app', at(LAUNCH_TTL_SECONDS))).toBeUndefined();
    expect(await launches.findUsable(`${id}${'x'.repeat(200)}`, 'app', at(1))).toBeUndefined();
    // Just inside its lifetime it is still there, with the defaults for what the EHR did not say.
    expect(await launches.findUsable(id, 'app', at(LAUNCH_TTL_SECONDS - 1))).toEqual({
      id,
      clientId: 'app',
      userId: USER,
      patient: null,
      encounter: null,
      intent: null,
      fhirContext: [],
      needPatientBanner: false,
    });
  });

  it('lets exactly one of 10 concurrent consumers use a launch up; then it is gone', async () => {
    const id = await launches.create({ clientId: 'app', userId: USER, patient: 'pat-2' }, at(0));
    const results = await Promise.all(Array.from({ length: 10 }, () => launches.consume(id, 'app', at(5))));
    expect(results.filter((result) => result !== undefined)).toEqual([
      expect.objectContaining({ id, patient: 'pat-2' }),
    ]);
    expect(await launches.findUsable(id, 'app', at(6))).toBeUndefined();
    expect(await launches.consume(id, 'app', at(6))).toBeUndefined();
  });

  it('is swept once expired, and a live launch is kept', async () => {
    const expired = await launches.create({ clientId: 'app', userId: USER }, at(0));
    const live = await launches.create({ clientId: 'app', userId: USER });
    await sweepExpired(sql);
    const left = await sql.query<{ id: string }>('SELECT id FROM launch_context WHERE id = ANY($1::text[])', [
      [expired, live],
    ]);
    expect(left.map((row) => row.id)).toEqual([live]);
  });
});
