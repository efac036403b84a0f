import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcPayloadStore, type PayloadWrite, sweepExpired } from './oidc-payloads.ts';

const targets = await testTargets();

function row(model: string, id: string, extra: Partial<PayloadWrite> = {}): PayloadWrite {
  return {
    model,
    id,
    payload: { jti: id },
    grantId: null,
    uid: null,
    userCode: null,
    expiresAt: null,
    ...extra,
  };
}

describe.each(targets)('oidc_payload on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let store: OidcPayloadStore;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
    store = new OidcPayloadStore(sql);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('stores 20 concurrent writes and finds each, the later write of one row standing', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write(row('AccessToken', `at-${i}`))));
    await store.write(row('AccessToken', 'at-0', { payload: { jti: 'at-0', scope: 'changed' } }));
    const found = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.find('AccessToken', `at-${i}`)),
    );
    expect(found.map((record) => record?.id)).toEqual(Array.from({ length: 20 }, (_, i) => `at-${i}`));
    expect(found[0]?.payload).toEqual({ jti: 'at-0', scope: 'changed' });
    expect(await store.find('RefreshToken', 'at-0')).toBeUndefined();
  });

  it('finds by uid and user code', async () => {
    await store.write(row('Session', 'session-1', { uid: 'uid-1' }));
    await store.write(row('DeviceCode', 'device-1', { userCode: 'ABCD' }));
    expect((await store.findByUid('Session', 'uid-1'))?.id).toBe('session-1');
    expect((await store.findByUserCode('DeviceCode', 'ABCD'))?.id).toBe('device-1');
  });

  it('lets exactly one of 20 concurrent consumers be first, and tells the others the grant', async () => {
    await store.write(row('AuthorizationCode', 'code-1', { grantId: 'grant-c' }));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => store.consume('AuthorizationCode', 'code-1')),
    );
    expect(outcomes.filter((outcome) => outcome.first)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.first)).toEqual(
      Array.from({ length: 19 }, () => ({ first: false, grantId: 'grant-c' })),
    );
    expect((await store.find('AuthorizationCode', 'code-1'))?.consumedAt).toBeInstanceOf(Date);
  });

  it('revokes a grant with everything filed under it', async () => {
    await store.write(row('Grant', 'grant-r', { grantId: 'grant-r' }));
    await store.write(row('AccessToken', 'at-r', { grantId: 'grant-r' }));
    await store.write(row('SmartContext', 'grant-r', { grantId: 'grant-r' }));
    await store.revokeGrant('grant-r');
    for (const [model, id] of [
      ['Grant', 'grant-r'],
      ['AccessToken', 'at-r'],
      ['SmartContext', 'grant-r'],
    ] as const) {
      expect(await store.find(model, id)).toBeUndefined();
    }
  });

  it("lists an account's live grants, newest first", async () => {
    const iat = Math.floor(Date.now() / 1000);
    await store.write(row('Grant', 'g-old', { payload: { accountId: 'u-1', clientId: 'a', iat: iat - 60 } }));
    await store.write(row('Grant', 'g-new', { payload: { accountId: 'u-1', clientId: 'b', iat } }));
    await store.write(
      row('Grant', 'g-expired', {
        payload: { accountId: 'u-1', clientId: 'c', iat },
        expiresAt: new Date(Date.now() - 1000),
      }),
    );
    await store.write(row('Grant', 'g-other', { payload: { accountId: 'u-2', clientId: 'a', iat } }));
    expect((await store.grantsOfAccount('u-1')).map((grant) => [grant.grantId, grant.clientId])).toEqual([
      ['g-new', 'b'],
      ['g-old', 'a'],
    ]);
  });

  it('keeps only the given rows of a model', async () => {
    await store.write(row('InitialAccessToken', 'keep'));
    await store.write(row('InitialAccessToken', 'drop'));
    await store.keepOnly('InitialAccessToken', ['keep']);
    expect(await store.find('InitialAccessToken', 'keep')).toBeDefined();
    expect(await store.find('InitialAccessToken', 'drop')).toBeUndefined();
  });

  it('sweeps rows expired past the grace period', async () => {
    await store.write(row('AccessToken', 'long-gone', { expiresAt: new Date(Date.now() - 3_600_000) }));
    expect(await sweepExpired(sql)).toBeGreaterThanOrEqual(1);
    expect(await store.find('AccessToken', 'long-gone')).toBeUndefined();
  });
});
