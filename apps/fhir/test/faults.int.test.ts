import { type Database, type FastSql, openDatabase, openFastSql } from '@openpas/db';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import { seedSandbox } from '@openpas/fhir-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './cluster/app-process.ts';
import { type BackendClient, registerBackendClient } from './cluster/backend-client.ts';
import { faultsOf, NO_FAULTS, readCaseLedger } from './cluster/case-invariants.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './cluster/throwaway-postgres.ts';
import { type Answer, attempt, fhirJson, postgresToolsPlan, sleep, until } from './cluster/tools.ts';
import { freePort } from './harness.ts';
import { userTokens } from './user-tokens.ts';

// Security spec 19 and 25: the FHIR API and the auth server killed with SIGKILL mid-request, PostgreSQL
// stopped under load and started again, the connection pool exhausted. The servers run as production runs
// them (node src/main.ts, child processes) on a PostgreSQL cluster this test makes for itself. Afterwards
// nothing is half-written, no acceptance number is doubled or skipped, no decision or revocation is lost;
// while degraded every answer is a clear 503 with Retry-After; recovery needs no manual step.

const plan = postgresToolsPlan('fault tests (SIGKILL, PostgreSQL restart, pool exhaustion)');
const HOSPITAL_CASES = SANDBOX_CASE_KEYS.filter((key) => key.startsWith('a-'));
const SCOPE = 'system/*.cruds';
const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';

describe.skipIf(plan.kind === 'skip')('faults survived, on a PostgreSQL cluster of its own', () => {
  let cluster: ThrowawayCluster;
  let db: Database;
  let sql: FastSql;
  let auth: AppProcess;
  let fhir: AppProcess;
  let hospital: BackendClient;
  let issuer: string;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (plan.kind !== 'run') return;
    cluster = await startThrowawayCluster(plan.value);
    db = await openDatabase({ url: cluster.url });
    await seedSandbox(db);
    sql = await openFastSql(db);
    hospital = await registerBackendClient(db, 'his-a', '0101090517', SCOPE);
    const [authPort, fhirPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${authPort}`;
    base = `http://127.0.0.1:${fhirPort}/fhir`;
    env = {
      DATABASE_URL: cluster.url,
      AUTH_ISSUER: issuer,
      FHIR_BASE_URL: base,
      OPENPAS_DB_POOL_TIMEOUT_MS: '2000',
    };
    [auth, fhir] = await Promise.all([
      startApp('auth', { env, port: authPort }),
      startApp('fhir', { env, port: fhirPort }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await fhir?.kill();
    await auth?.kill();
    await sql?.close();
    await db?.close();
    await cluster?.dispose();
  });

  let caseIndex = 0;
  const nextCase = () =>
    sandboxRequestBundle(HOSPITAL_CASES[caseIndex++ % HOSPITAL_CASES.length] ?? 'a-crc-kras-bevacizumab');
  const submit = (token: string) => attempt(`${base}/Bundle`, fhirJson(token, nextCase()));
  const numberOf = (answer: Answer) => {
    const entries = (answer.body.entry ?? []) as {
      resource: { resourceType: string; identifier?: { use?: string; value: string }[] };
    }[];
    const claim = entries.find((entry) => entry.resource.resourceType === 'Claim')?.resource;
    return claim?.identifier?.find((identifier) => identifier.use === 'official')?.value;
  };

  /** Runs `workers` loops of `step` until stopped; every answer kept. */
  function load(workers: number, step: () => Promise<Answer>) {
    const answers: Answer[] = [];
    let running = true;
    const loops = Array.from({ length: workers }, async () => {
      while (running) answers.push(await step());
    });
    return {
      answers,
      async stop() {
        running = false;
        await Promise.all(loops);
        return answers;
      },
    };
  }

  /** A 503 as the servers must give while degraded: Retry-After, and the body shape of each protocol. */
  function expectClearUnavailable(answer: Answer, kind: 'fhir' | 'oauth') {
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    if (kind === 'fhir')
      expect(answer.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'fatal', code: 'transient' }],
      });
    else expect(answer.body).toMatchObject({ error: 'temporarily_unavailable' });
  }

  it('loses nothing when the FHIR API is killed (SIGKILL) in the middle of submissions, and serves again on restart', async () => {
    const token = await hospital.token(issuer, SCOPE);
    const running = load(4, () => submit(token));
    await until('three stored submissions', async () =>
      running.answers.filter((answer) => answer.status === 201).length >= 3 ? true : undefined,
    );
    await fhir.kill('SIGKILL');
    const answers = await running.stop();
    // Requests were under way when it died: their connections were cut.
    expect(answers.some((answer) => answer.status === 0)).toBe(true);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 0)).toBe(true);

    await fhir.restart();
    const ledger = await readCaseLedger(sql);
    expect(faultsOf(ledger)).toEqual(NO_FAULTS);
    for (const stored of answers.filter((answer) => answer.status === 201)) {
      expect(ledger.bundles.has(String(stored.body.id))).toBe(true);
      expect(ledger.numbers).toContain(numberOf(stored));
    }
    // The next submission takes the next number: none was lost with the process.
    const after = await submit(token);
    expect(after.status).toBe(201);
    expect(faultsOf(await readCaseLedger(sql))).toEqual(NO_FAULTS);
    const day = String(numberOf(after)).slice(0, 18);
    expect(Number(numberOf(after)?.slice(18))).toBe(
      ledger.numbers.filter((number) => number.startsWith(day)).length + 1,
    );
  });

  it('keeps every issued token, revocation and used assertion when the auth server is killed (SIGKILL) mid-request', async () => {
    const kept = await hospital.token(issuer, SCOPE);
    const revoked = await hospital.token(issuer, SCOPE);
    expect(await hospital.revoke(issuer, revoked)).toBe(200);
    const usedAssertion = await hospital.assertion(issuer);
    expect((await hospital.requestToken(`${issuer}/token`, SCOPE, usedAssertion)).status).toBe(200);

    // A connection cut mid-answer (the body never complete) counts as no answer.
    const running = load(4, async () => {
      try {
        const response = await hospital.requestToken(`${issuer}/token`, SCOPE);
        return {
          status: response.status,
          headers: response.headers,
          body: (await response.json()) as Record<string, unknown>,
        };
      } catch {
        return { status: 0, headers: new Headers(), body: {} };
      }
    });
    await until('five tokens', async () =>
      running.answers.filter((answer) => answer.status === 200).length >= 5 ? true : undefined,
    );
    await auth.kill('SIGKILL');
    const answers = await running.stop();
    expect(answers.some((answer) => answer.status === 0)).toBe(true);
    await auth.restart();

    // Tokens live in the database: every one the server handed out works, before and after the crash.
    const issued = [
      kept,
      ...answers.filter((answer) => answer.status === 200).map((answer) => String(answer.body.access_token)),
    ];
    for (const token of issued)
      expect((await attempt(`${base}/Patient?_count=1`, fhirJson(token))).status).toBe(200);
    // A revocation made before the crash still holds, and a used assertion is still refused.
    expect((await attempt(`${base}/Patient?_count=1`, fhirJson(revoked))).status).toBe(401);
    const replay = await hospital.requestToken(`${issuer}/token`, SCOPE, usedAssertion);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_client' });
    // And it serves again without anyone's help.
    expect(
      (await attempt(`${base}/Patient?_count=1`, fhirJson(await hospital.token(issuer, SCOPE)))).status,
    ).toBe(200);
  });

  it('loses no decision when the FHIR API is killed in the middle of them', async () => {
    const hospitalToken = await hospital.token(issuer, SCOPE);
    const cases: { responseId: string; quantities: number[] }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const stored = await submit(hospitalToken);
      expect(stored.status).toBe(201);
      const entries = stored.body.entry as {
        resource: { resourceType: string; id: string; item?: { quantity?: { value?: number } }[] };
      }[];
      const claim = entries.find((entry) => entry.resource.resourceType === 'Claim')?.resource;
      const found = await attempt(
        `${base}/ClaimResponse?request=Claim/${claim?.id}`,
        fhirJson(hospitalToken),
      );
      const response = (found.body.entry as { resource: { id: string } }[])[0]?.resource;
      cases.push({
        responseId: String(response?.id),
        quantities: (claim?.item ?? []).map((item) => item.quantity?.value ?? 1),
      });
    }
    const users = await userTokens(db, { issuer, base } as never, 'review-app', REVIEW_SCOPES);
    const reviewer = await users.token(REVIEW_SCOPES, { username: 'reviewer' });
    await users.close();
    const approve = (quantities: number[]) => ({
      resourceType: 'Parameters',
      parameter: quantities.map((quantity, index) => ({
        name: 'item',
        part: [
          { name: 'sequence', valueInteger: index + 1 },
          { name: 'reason', valueCode: '1' },
          { name: 'comment', valueString: '符合給付規定' },
          { name: 'approvedQuantity', valueDecimal: quantity },
        ],
      })),
    });
    const decide = (c: (typeof cases)[number]) =>
      attempt(`${base}/ClaimResponse/${c.responseId}/$decide`, fhirJson(reviewer, approve(c.quantities)));

    const decisions = cases.map(async (c) => ({ c, answer: await decide(c) }));
    await Promise.race(decisions);
    await fhir.kill('SIGKILL');
    const settled = await Promise.all(decisions);
    await fhir.restart();

    const decided = settled.filter(({ answer }) => answer.status === 200);
    expect(decided.length).toBeGreaterThan(0);
    for (const { c, answer } of decided) {
      const now = await attempt(`${base}/ClaimResponse/${c.responseId}`, fhirJson(reviewer));
      expect(now.status).toBe(200);
      expect(now.body.meta).toMatchObject({
        versionId: (answer.body.meta as { versionId: string }).versionId,
      });
      expect(now.body.disposition).toBe(answer.body.disposition);
    }
    // A decision cut off with the process either happened whole or not at all: sent again, it is taken,
    // or refused as already decided — never half-applied.
    for (const { c } of settled.filter(({ answer }) => answer.status !== 200)) {
      expect([200, 409]).toContain((await decide(c)).status);
    }
    expect(faultsOf(await readCaseLedger(sql))).toEqual(NO_FAULTS);
  });

  it('answers 503 with Retry-After while PostgreSQL restarts under load, and recovers by itself', async () => {
    const token = await hospital.token(issuer, SCOPE);
    const tokenRequest = async (): Promise<Answer> => {
      const response = await hospital.requestToken(`${issuer}/token`, SCOPE);
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as Record<string, unknown>,
      };
    };
    const submissions = load(3, () => submit(token));
    const reads = load(1, () => attempt(`${base}/Patient?_count=5`, fhirJson(token)));
    const tokens = load(1, tokenRequest);
    await sleep(1_000);
    await cluster.stop('immediate');
    await sleep(2_000);
    await cluster.start();
    // No restart of the apps: their pools reconnect.
    await until('a submission after the restart', async () =>
      (await submit(token)).status === 201 ? true : undefined,
    );
    await until('a token after the restart', async () =>
      (await tokenRequest()).status === 200 ? true : undefined,
    );
    const fhirAnswers = [...(await submissions.stop()), ...(await reads.stop())];
    const oauthAnswers = await tokens.stop();

    const degradedFhir = fhirAnswers.filter((answer) => answer.status >= 300);
    const degradedOauth = oauthAnswers.filter((answer) => answer.status >= 300);
    expect(degradedFhir.length).toBeGreaterThan(0);
    expect(degradedOauth.length).toBeGreaterThan(0);
    for (const answer of degradedFhir) expectClearUnavailable(answer, 'fhir');
    for (const answer of degradedOauth) expectClearUnavailable(answer, 'oauth');

    const ledger = await readCaseLedger(sql);
    expect(faultsOf(ledger)).toEqual(NO_FAULTS);
    for (const stored of fhirAnswers.filter((answer) => answer.status === 201))
      expect(ledger.bundles.has(String(stored.body.id))).toBe(true);
  });

  it('answers 503 with Retry-After when the connection pool is exhausted, and finishes the work held up', async () => {
    // Another instance of the FHIR API with two connections, behind the same public base.
    const small = await startApp('fhir', {
      env: { ...env, OPENPAS_DB_POOL_SIZE: '2', OPENPAS_DB_POOL_TIMEOUT_MS: '1000' },
    });
    try {
      const smallBase = `${small.origin}/fhir`;
      const token = await hospital.token(issuer, SCOPE);
      // Submissions wait for the acceptance-number counter while it is locked, each holding a connection.
      let release = () => {};
      const held = new Promise<void>((done) => {
        release = done;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((done) => {
        locked = done;
      });
      const holder = sql.transaction(async (tx) => {
        await tx.execute('LOCK TABLE sequence_counter IN ACCESS EXCLUSIVE MODE');
        locked();
        await held;
      });
      await isLocked;
      const stuck = [0, 1].map(() => attempt(`${smallBase}/Bundle`, fhirJson(token, nextCase())));
      await until('both of its connections waiting on the lock', async () => {
        const [row] = await sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
           WHERE c.relname = 'sequence_counter' AND NOT l.granted`,
        );
        return Number(row?.n) >= 2 ? true : undefined;
      });
      // The pool is exhausted: a read waits its second for a connection, then is told to come back.
      expectClearUnavailable(await attempt(`${smallBase}/Patient?_count=1`, fhirJson(token)), 'fhir');
      release();
      await holder;
      for (const answer of await Promise.all(stuck)) expect(answer.status).toBe(201);
      expect((await attempt(`${smallBase}/Patient?_count=1`, fhirJson(token))).status).toBe(200);
      expect(faultsOf(await readCaseLedger(sql))).toEqual(NO_FAULTS);
    } finally {
      await small.kill();
    }
  });
});
