import { Writable } from 'node:stream';
import { type Database, type FastSql, hashPassword, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.ts';
import { PasswordSignIn } from '../src/session/password-sign-in.ts';
import { type RunningAuth, startAuth } from './harness.ts';
import { UserAgent } from './user-agent.ts';

const targets = await testTargets();
const ATTACKER = '203.0.113.9';
const HOME = '198.51.100.7';

describe.each(targets)('sign-in over HTTP, behind proxies and on known devices, on $name', (target) => {
  let db: Database;
  let direct: RunningAuth;
  let proxied: RunningAuth;
  let sql: FastSql;

  beforeAll(async () => {
    db = await target.open();
    for (const username of ['alice', 'bob', 'carol', 'erin']) {
      await db.prisma.user.create({
        data: { username, displayName: username, passwordHash: await hashPassword('sandbox') },
      });
    }
    sql = await openFastSql(db);
    direct = await startAuth(db);
    proxied = await startAuth(db, undefined, { AUTH_TRUSTED_PROXIES: '127.0.0.1, ::1' });
  });

  afterAll(async () => {
    await direct?.stop();
    await proxied?.stop();
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  /** Signs in on the account page with the given browser and X-Forwarded-For; the answer's status. */
  async function attempt(
    server: RunningAuth,
    username: string,
    password: string,
    options: { agent?: UserAgent; forwardedFor?: string } = {},
  ): Promise<number> {
    const agent = options.agent ?? new UserAgent();
    const headers: Record<string, string> = options.forwardedFor
      ? { 'x-forwarded-for': options.forwardedFor }
      : {};
    const page = await (await agent.request(`${server.issuer}/account/apps`, { headers })).text();
    const token = /name="form_token" value="([^"]+)"/.exec(page)?.[1];
    // Without the form the attempt would be refused before it is counted: say so rather than mislead.
    if (!token) throw new Error(`no sign-in form: ${page.slice(0, 200)}`);
    const response = await agent.request(`${server.issuer}/account/apps/sign-in`, {
      form: { form_token: token, username, password },
      headers,
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('ignores X-Forwarded-For without AUTH_TRUSTED_PROXIES: every request counts as the socket address', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await attempt(direct, 'alice', 'guess', { forwardedFor: ATTACKER })).toBe(401);
    }
    // Claiming another address does not help: the pair (alice, 127.0.0.1) waits.
    expect(await attempt(direct, 'alice', 'sandbox', { forwardedFor: HOME })).toBe(401);
  });

  it('believes a trusted proxy: failures at one client address do not stop the user at another', async () => {
    const attack = await Promise.all(
      Array.from({ length: 10 }, () => attempt(proxied, 'bob', 'guess', { forwardedFor: ATTACKER })),
    );
    expect(attack.every((status) => status === 401)).toBe(true);
    // The attacker cannot escape the wait by writing another address left of the proxy's entry …
    expect(await attempt(proxied, 'bob', 'sandbox', { forwardedFor: `${HOME}, ${ATTACKER}` })).toBe(401);
    // … and the right-most hop that is not a trusted proxy is the client: the user, whatever they wrote.
    expect(
      await attempt(proxied, 'bob', 'sandbox', { forwardedFor: `${ATTACKER}, ${HOME}, 127.0.0.1` }),
    ).toBe(303);
  });

  it('lets the owner in on a known device while the address they share with an attacker waits', async () => {
    const earlier = new UserAgent();
    expect(await attempt(direct, 'carol', 'sandbox', { agent: earlier })).toBe(303);
    const device = earlier.cookie('openpas_device');
    expect(device).toMatch(/^[\w-]{16,64}\.[\w-]+$/);
    for (let i = 0; i < 5; i += 1) expect(await attempt(direct, 'carol', 'guess')).toBe(401);
    expect(await attempt(direct, 'carol', 'sandbox')).toBe(401);
    // The same browser later (its session over, the device cookie kept) gets in; a forged cookie does not.
    const owner = new UserAgent();
    owner.setCookie('openpas_device', String(device));
    expect(await attempt(direct, 'carol', 'sandbox', { agent: owner })).toBe(303);
    const forger = new UserAgent();
    forger.setCookie('openpas_device', `${String(device).split('.')[0]}.forged-mac`);
    expect(await attempt(direct, 'carol', 'sandbox', { agent: forger })).toBe(401);
  });

  it('logs a warning when an (account, address) pair starts waiting: account digested, no password', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink) as unknown as Logger;
    const signIns = new PasswordSignIn({
      sql,
      logger,
      trustedProxies: undefined,
      cookieKey: 'k'.repeat(32),
    });
    const ctx = {
      req: { socket: { remoteAddress: ATTACKER }, headers: {} },
      cookies: { get: () => undefined, set: () => undefined, secure: false },
    } as never;
    for (let i = 0; i < 7; i += 1) {
      await signIns.attempt(ctx, { username: 'Erin', password: 'secret-guess-123' });
    }
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toEqual([
      expect.objectContaining({
        event: 'sign-in-backoff',
        address: ATTACKER,
        failures: 5,
        retryAfterSeconds: 30,
        account: expect.stringMatching(/^[0-9a-f]{16}$/),
      }),
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('secret-guess-123');
    expect(logged.toLowerCase()).not.toContain('erin');
  });
});
