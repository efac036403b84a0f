import { type Database, type FastSql, openDatabase, openFastSql } from '@openpas/db';
import { createThrowawayDatabase, type ThrowawayDatabase, testPostgresPlan } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { seedSandbox } from '@openpas/fhir-store';
import { recordSkip } from '@openpas/vitest-config/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent } from '../../auth/test/user-agent.ts';
import { type AppProcess, startApp } from './cluster/app-process.ts';
import { type BackendClient, registerBackendClient } from './cluster/backend-client.ts';
import { faultsOf, NO_FAULTS, readCaseLedger } from './cluster/case-invariants.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from './cluster/round-robin-proxy.ts';
import { attempt, fhirJson, sleep, until } from './cluster/tools.ts';
import { startHook } from './notification-hook.ts';
import { userTokens } from './user-tokens.ts';

// Two instances of the auth server and two of the FHIR API, each a `node src/main.ts` process, on one
// PostgreSQL database behind a round-robin proxy each: they behave as one service. (PGlite serves one
// process per folder, so scaling out is a PostgreSQL matter.)

const plan = await testPostgresPlan();
if (plan.kind === 'fail') throw new Error(plan.message);
if (plan.kind === 'skip') {
  console.warn(`NOTICE: scale-out tests skipped ${plan.reason}`);
  recordSkip('scale-out tests', plan.reason);
}

const SCOPE = 'system/*.cruds';
const TOKEN_RATE_PER_MINUTE = 30;

describe.skipIf(plan.kind !== 'run')('two instances of each app on one PostgreSQL', () => {
  let database: ThrowawayDatabase;
  let db: Database;
  let sql: FastSql;
  let authProxy: RoundRobinProxy;
  let fhirProxy: RoundRobinProxy;
  const auths: AppProcess[] = [];
  const fhirs: AppProcess[] = [];
  let hospital: BackendClient;
  let issuer: string;
  let base: string;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    db = await openDatabase({ url: database.url });
    await seedSandbox(db);
    sql = await openFastSql(db);
    hospital = await registerBackendClient(db, 'his-a', '0101090517', SCOPE);
    authProxy = await startRoundRobinProxy(() => auths.map((app) => app.origin));
    fhirProxy = await startRoundRobinProxy(() => fhirs.map((app) => app.origin));
    // Every instance is configured alike: the public URLs are the proxies'.
    issuer = authProxy.origin;
    base = `${fhirProxy.origin}/fhir`;
    const env = {
      DATABASE_URL: database.url,
      AUTH_ISSUER: issuer,
      FHIR_BASE_URL: base,
      AUTH_TOKEN_RATE_PER_MINUTE: String(TOKEN_RATE_PER_MINUTE),
    };
    const started = await Promise.all([
      startApp('auth', { env }),
      startApp('auth', { env }),
      startApp('fhir', { env }),
      startApp('fhir', { env }),
    ]);
    auths.push(...started.slice(0, 2));
    fhirs.push(...started.slice(2));
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...auths, ...fhirs].map((app) => app.kill()));
    await authProxy?.close();
    await fhirProxy?.close();
    await sql?.close();
    await db?.close();
    await database?.drop();
  });

  const [first, second] = [0, 1];
  const tokenAt = async (instance: number, assertion?: string) =>
    hospital.requestToken(
      `${auths[instance]?.origin}/token`,
      SCOPE,
      assertion ?? (await hospital.assertion(issuer)),
    );
  const readAt = (instance: number, token: string) =>
    attempt(`${fhirs[instance]?.origin}/fhir/Patient?_count=1`, fhirJson(token));

  it('accepts a token issued by one auth instance at every FHIR instance, and revokes it at the other', async () => {
    const issued = await tokenAt(first);
    expect(issued.status).toBe(200);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    expect((await readAt(first, token)).status).toBe(200);
    expect((await readAt(second, token)).status).toBe(200);
    expect(await hospital.revoke(issuer, token, auths[second]?.origin)).toBe(200);
    expect((await readAt(first, token)).status).toBe(401);
    expect((await readAt(second, token)).status).toBe(401);
  });

  it("refuses at one instance a client assertion's jti already used at the other, also when sent to both at once", async () => {
    const assertion = await hospital.assertion(issuer);
    expect((await tokenAt(first, assertion)).status).toBe(200);
    const replay = await tokenAt(second, assertion);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_client' });

    const raced = await hospital.assertion(issuer);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => tokenAt(index % 2, raced).then((response) => response.status)),
    );
    expect(answers.filter((status) => status === 200)).toHaveLength(1);
    expect(answers.filter((status) => status === 401)).toHaveLength(9);
  });

  it('delivers each Subscription notification exactly once, though both instances run the delivery worker', async () => {
    const hook = await startHook();
    try {
      const token = await hospital.token(issuer, SCOPE);
      const subscribed = await attempt(
        `${base}/Subscription`,
        fhirJson(token, {
          resourceType: 'Subscription',
          status: 'requested',
          reason: 'follow our prior-authorization cases',
          criteria: 'ClaimResponse',
          channel: { type: 'rest-hook', endpoint: hook.url, payload: 'application/fhir+json' },
        }),
      );
      expect(subscribed.status).toBe(201);
      const keys = [
        'a-breast-her2-trastuzumab-pertuzumab',
        'a-nsclc-egfr-osimertinib',
        'a-crc-kras-bevacizumab',
      ] as const;
      // Through the proxy: the submissions land on both instances.
      const stored = await Promise.all(
        [...keys, ...keys].map((key) =>
          attempt(`${base}/Bundle`, fhirJson(token, sandboxRequestBundle(key))),
        ),
      );
      expect(stored.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
      await until('six notifications', async () => (hook.received.length >= 6 ? true : undefined));
      // Both workers look every second: give each a few more looks at the outbox.
      await sleep(3_000);
      const ids = hook.received.map((call) => String(call.body.id));
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      const outbox = await sql.query<{ delivered: boolean; attempts: number }>(
        'SELECT delivered_at IS NOT NULL AS delivered, attempts FROM notification_outbox',
      );
      expect(outbox).toHaveLength(6);
      expect(outbox.every((row) => row.delivered && Number(row.attempts) === 1)).toBe(true);
      expect(faultsOf(await readCaseLedger(sql))).toEqual(NO_FAULTS);
    } finally {
      await hook.close();
    }
  });

  it('holds the sign-in throttle across both instances: failures counted at one slow the pair at the other', async () => {
    /** Signs in on the account page: the form from one instance, the password posted to the other. */
    async function signIn(formFrom: number, password: string): Promise<number> {
      const agent = new UserAgent();
      const page = await (await agent.request(`${auths[formFrom]?.origin}/account/apps`)).text();
      const token = /name="form_token" value="([^"]+)"/.exec(page)?.[1];
      if (!token) throw new Error(`no sign-in form: ${page.slice(0, 200)}`);
      const response = await agent.request(`${auths[1 - formFrom]?.origin}/account/apps/sign-in`, {
        form: { form_token: token, username: 'developer', password },
      });
      await response.arrayBuffer();
      return response.status;
    }
    // Five wrong passwords, posted to the two instances in turn: the pair's free failures are spent.
    for (let i = 0; i < 5; i += 1) expect(await signIn(i % 2, 'guess')).toBe(401);
    // The right password now waits at either instance: the count lives in the database.
    expect(await signIn(first, 'sandbox')).toBe(401);
    expect(await signIn(second, 'sandbox')).toBe(401);
  });

  it('completes a SMART launch whose steps land on alternate auth instances', async () => {
    const scopes = 'openid fhirUser user/ClaimResponse.rs user/Claim.rs';
    const users = await userTokens(db, { issuer, base } as never, 'review-app', scopes);
    try {
      const token = await users.token(scopes, { username: 'reviewer' });
      expect((await attempt(`${base}/ClaimResponse?_count=1`, fhirJson(token))).status).toBe(200);
    } finally {
      await users.close();
    }
  });

  it('keeps the token rate limit per instance, by design: each guards its own CPU', async () => {
    const limited = await registerBackendClient(db, 'his-a-rate', '0101090517', SCOPE);
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_RATE_PER_MINUTE + 2; i += 1) {
      const response = await limited.requestToken(
        `${auths[first]?.origin}/token`,
        SCOPE,
        await limited.assertion(issuer),
      );
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // One instance's budget (a request or so more may have refilled while these ran) …
    const granted = statuses.filter((status) => status === 200).length;
    expect(granted).toBeGreaterThanOrEqual(TOKEN_RATE_PER_MINUTE);
    expect(granted).toBeLessThan(TOKEN_RATE_PER_MINUTE + 2);
    expect(statuses.at(-1)).toBe(429);
    // … while the other instance still has its own.
    const other = await limited.requestToken(
      `${auths[second]?.origin}/token`,
      SCOPE,
      await limited.assertion(issuer),
    );
    expect(other.status).toBe(200);
  });
});
