import {
  ACCOUNT_FAILURES_PER_HOUR,
  ACCOUNT_SLOW_INTERVAL_SECONDS,
  PAIR_FREE_FAILURES,
  pairDelaySeconds,
  throttleKeys,
} from '@openpas/auth-store';
import { type Database, type FastSql, hashPassword, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignInResult, signIn } from '../src/interactions/sign-in.ts';

const targets = await testTargets();
const ATTACKER = '203.0.113.9';
const HOME = '198.51.100.7';

const checked = (results: SignInResult[]) =>
  results.filter((result) => !result.ok && result.reason === 'bad-credentials').length;

describe('the back-off of one (account, address) pair', () => {
  it('lets five failures through, then doubles the wait from 30 seconds up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 9, 10, 30].map(pairDelaySeconds)).toEqual([0, 0, 30, 60, 120, 480, 900, 900]);
  });
});

describe.each(targets)('sign-in throttling on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, seconds));

  async function createUser(username: string) {
    const user = await db.prisma.user.create({
      data: { username, displayName: username, passwordHash: await hashPassword('sandbox') },
    });
    return user.id;
  }

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('checks no more than five of 60 concurrent wrong passwords for one account from one address', async () => {
    await createUser('concurrent');
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        signIn(sql, { username: 'concurrent', password: 'wrong', address: ATTACKER }, at(0)),
      ),
    );
    expect(checked(results)).toBe(PAIR_FREE_FAILURES);
    expect(results.filter((result) => !result.ok && result.reason === 'throttled')).toHaveLength(55);
    // The operators hear about it once.
    expect(results.filter((result) => !result.ok && result.lockout)).toEqual([
      {
        ok: false,
        reason: 'bad-credentials',
        lockout: { scope: 'pair', failures: 5, retryAfterSeconds: 30 },
      },
    ]);
    // Even the right password is not checked while the pair waits.
    const right = await signIn(
      sql,
      { username: 'concurrent', password: 'sandbox', address: ATTACKER },
      at(10),
    );
    expect(right).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 20 });
  });

  it('counts an unknown username the same way (no enumeration)', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        signIn(sql, { username: 'nobody-here', password: 'wrong', address: ATTACKER }, at(0)),
      ),
    );
    expect(checked(results)).toBe(PAIR_FREE_FAILURES);
  });

  it('makes the pair wait longer after each further failure', async () => {
    await createUser('backoff');
    const attempt = (seconds: number, password = 'wrong') =>
      signIn(sql, { username: 'backoff', password, address: ATTACKER }, at(seconds));
    for (let i = 0; i < 5; i += 1) expect(await attempt(0)).toMatchObject({ reason: 'bad-credentials' });
    expect(await attempt(29)).toMatchObject({ reason: 'throttled', retryAfterSeconds: 1 });
    expect(await attempt(30)).toMatchObject({ reason: 'bad-credentials' });
    expect(await attempt(89)).toMatchObject({ reason: 'throttled', retryAfterSeconds: 1 });
    expect(await attempt(90)).toMatchObject({ reason: 'bad-credentials' });
    expect(await attempt(90 + 119)).toMatchObject({ reason: 'throttled' });
    // A correct password once the wait is over signs in, and the pair starts afresh.
    expect(await attempt(90 + 120, 'sandbox')).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i += 1) expect(await attempt(300)).toMatchObject({ reason: 'bad-credentials' });
  });

  it("does not stop the real user at another address while an attacker's address is throttled", async () => {
    const userId = await createUser('targeted');
    const attack = await Promise.all(
      Array.from({ length: 50 }, () =>
        signIn(sql, { username: 'targeted', password: 'guess', address: ATTACKER }, at(0)),
      ),
    );
    expect(checked(attack)).toBe(PAIR_FREE_FAILURES);
    expect(await signIn(sql, { username: 'targeted', password: 'sandbox', address: HOME }, at(1))).toEqual({
      ok: true,
      userId,
    });
  });

  it('lets the real user in from a known device even at the attacking address', async () => {
    const userId = await createUser('shared-nat');
    const device = 'device-of-the-real-user';
    const deviceOf = (id: string) => (id === userId ? device : undefined);
    const attack = await Promise.all(
      Array.from({ length: 50 }, () =>
        signIn(sql, { username: 'shared-nat', password: 'guess', address: ATTACKER }, at(0)),
      ),
    );
    expect(checked(attack)).toBe(PAIR_FREE_FAILURES);
    const fromDevice = await signIn(
      sql,
      { username: 'shared-nat', password: 'sandbox', address: ATTACKER, deviceOf },
      at(1),
    );
    expect(fromDevice).toEqual({ ok: true, userId });
  });

  it('slows unknown sources beyond 100 failures an hour, but never a known address or device', async () => {
    const userId = await createUser('sprayed');
    // A distributed attack has failed 99 times this hour from many addresses (five checks at most from
    // each); the counter is set directly rather than spending 99 scrypt checks.
    const { account } = throttleKeys({
      username: 'sprayed',
      source: { kind: 'address', id: '-' },
      known: false,
    });
    await db.prisma.signInThrottle.create({
      data: {
        key: account,
        failures: ACCOUNT_FAILURES_PER_HOUR - 1,
        windowStart: at(0),
        nextAttemptAt: at(0),
        updatedAt: at(0),
      },
    });
    expect(
      await signIn(sql, { username: 'sprayed', password: 'guess', address: '192.0.2.1' }, at(0)),
    ).toEqual({
      ok: false,
      reason: 'bad-credentials',
      lockout: { scope: 'account', failures: 100, retryAfterSeconds: 30 },
    });
    // Now at most one attempt from an unknown source every 30 seconds is checked.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        signIn(sql, { username: 'sprayed', password: 'guess', address: `198.18.0.${index}` }, at(30)),
      ),
    );
    expect(checked(burst)).toBe(1);
    expect(burst.filter((result) => !result.ok && result.reason === 'throttled')).toHaveLength(19);
    // The owner at an address they signed in from before (recorded here directly) is not slowed …
    await db.prisma.signInKnownAddress.create({ data: { userId, address: HOME, lastSeenAt: at(0) } });
    expect(await signIn(sql, { username: 'sprayed', password: 'sandbox', address: HOME }, at(31))).toEqual({
      ok: true,
      userId,
    });
    // … nor on a known device from a new address.
    const deviceOf = () => 'owner-laptop-device-id';
    expect(
      await signIn(
        sql,
        { username: 'sprayed', password: 'sandbox', address: '100.64.1.1', deviceOf },
        at(32),
      ),
    ).toEqual({ ok: true, userId });
    // A new address with the right password only has to wait a moment: slowed, not locked out.
    const waited = await signIn(
      sql,
      { username: 'sprayed', password: 'sandbox', address: '100.64.2.2' },
      at(4),
    );
    expect(waited).toMatchObject({ ok: false, reason: 'throttled' });
    expect(
      await signIn(
        sql,
        { username: 'sprayed', password: 'sandbox', address: '100.64.2.2' },
        at(30 + ACCOUNT_SLOW_INTERVAL_SECONDS),
      ),
    ).toEqual({ ok: true, userId });
  });

  it('forgets a known address 90 days after the last sign-in from it', async () => {
    const userId = await createUser('returning');
    const old = new Date(at(0).getTime() - 91 * 24 * 3600_000);
    await db.prisma.signInKnownAddress.create({ data: { userId, address: HOME, lastSeenAt: old } });
    const { account } = throttleKeys({
      username: 'returning',
      source: { kind: 'address', id: '-' },
      known: false,
    });
    await db.prisma.signInThrottle.create({
      data: {
        key: account,
        failures: ACCOUNT_FAILURES_PER_HOUR,
        windowStart: at(0),
        nextAttemptAt: at(30),
        updatedAt: at(0),
      },
    });
    expect(
      await signIn(sql, { username: 'returning', password: 'sandbox', address: HOME }, at(1)),
    ).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
  });

  it('records a successful address as known and keeps no username or address in the counters', async () => {
    const userId = await createUser('remembered');
    await signIn(sql, { username: 'remembered', password: 'wrong', address: HOME }, at(0));
    expect(await signIn(sql, { username: 'remembered', password: 'sandbox', address: HOME }, at(1))).toEqual({
      ok: true,
      userId,
    });
    expect(await db.prisma.signInKnownAddress.findMany({ where: { userId } })).toMatchObject([
      { address: HOME },
    ]);
    const keys = throttleKeys({
      username: 'remembered',
      source: { kind: 'address', id: HOME },
      known: false,
    });
    const rows = await db.prisma.signInThrottle.findMany({
      where: { key: { in: [keys.pair, keys.account] } },
    });
    // The pair was cleared by the success; the account's count was taken back.
    expect(rows).toMatchObject([{ key: keys.account, failures: 1 }]);
    const everything = JSON.stringify(await db.prisma.signInThrottle.findMany());
    expect(everything).not.toContain('remembered');
    expect(everything).not.toContain(HOME);
  });
});
