import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resubmissionOf, type SubmittedCase, submitCase } from './cases.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { eventually, type Hook, startHook } from './notification-hook.ts';

// A submission stores its case first and draws its acceptance number last, right before the commit, then
// writes the number where placeholders stood. These show that the number ends up everywhere it belongs,
// that no placeholder is ever left behind, and that a failure after the draw gives the number back.

const targets = await testTargets();
const A = '0101090517';
const RECEIPT = 'https://openpas.dev/fhir/sid/receipt';
const PLACEHOLDER = 'pending[0-9a-f]{32}w';

describe.each(targets)('acceptance numbers drawn last on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let hospital: string;
  let hook: Hook;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    await platform.backendClient('his-a', A, 'system/*.cruds');
    hospital = await platform.token('his-a', 'system/*.cruds');
    hook = await startHook();
    const subscribed = await call(`${platform.base}/Subscription`, hospital, {
      method: 'POST',
      body: {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'every change of our cases',
        criteria: 'ClaimResponse',
        channel: { type: 'rest-hook', endpoint: hook.url, payload: 'application/fhir+json' },
      },
    });
    expect(subscribed.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await hook?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  const submit = (key: Parameters<typeof sandboxRequestBundle>[0]) =>
    submitCase(platform, hospital, sandboxRequestBundle(key));

  /** Rows of every table a submission writes that still hold a placeholder. */
  async function placeholdersLeft(): Promise<number> {
    const [row] = await db.prisma.$queryRawUnsafe<{ n: unknown }[]>(
      `SELECT (SELECT count(*) FROM fhir_resource WHERE content::text ~ $1)
            + (SELECT count(*) FROM fhir_resource_version WHERE content::text ~ $1)
            + (SELECT count(*) FROM search_token WHERE code ~ $1 OR text ~ $1)
            + (SELECT count(*) FROM search_string WHERE value ~ $1)
            + (SELECT count(*) FROM audit_event WHERE detail::text ~ $1)
            + (SELECT count(*) FROM notification_outbox WHERE payload::text ~ $1) AS n`,
      PLACEHOLDER,
    );
    return Number(row?.n);
  }

  const stored = async () => ({
    resources: await db.prisma.fhirResource.count(),
    versions: await db.prisma.fhirResourceVersion.count(),
    audits: await db.prisma.auditEvent.count({ where: { outcome: 0 } }),
    outbox: await db.prisma.notificationOutbox.count(),
  });

  async function counter(number: string): Promise<number> {
    const [row] = await db.prisma.$queryRawUnsafe<{ value: unknown }[]>(
      'SELECT value FROM sequence_counter WHERE name = $1',
      `acceptance:${number.slice(0, 8)}:${A}`,
    );
    return Number(row?.value);
  }

  const setCounter = (number: string, value: number) =>
    db.prisma.$executeRawUnsafe(
      'UPDATE sequence_counter SET value = $2 WHERE name = $1',
      `acceptance:${number.slice(0, 8)}:${A}`,
      value,
    );

  const ids = (reply: { body: Record<string, unknown> }) =>
    ((reply.body.entry ?? []) as { resource: { resourceType: string; id: string } }[]).map(
      ({ resource }) => `${resource.resourceType}/${resource.id}`,
    );

  it('finds a case by its acceptance number, which is in the Claim, the Bundle, their versions and the audit trail', async () => {
    const submitted = await submit('a-nsclc-egfr-osimertinib');
    const number = submitted.acceptanceNumber;
    expect(number).toMatch(new RegExp(`^\\d{8}${A}\\d{6}$`));
    const claimId = `Claim/${submitted.claim.id}`;
    const bundleId = `Bundle/${submitted.bundleId}`;

    expect(ids(await call(`${platform.base}/Claim?identifier=${number}`, hospital))).toEqual([claimId]);
    expect(ids(await call(`${platform.base}/Bundle?identifier=${RECEIPT}|${number}`, hospital))).toEqual([
      bundleId,
    ]);
    expect(ids(await call(`${platform.base}/Bundle?identifier=${number}`, hospital))).toEqual([bundleId]);
    const fileName = `FHR${A}_${number.slice(0, 8)}00${number.slice(-6)}.JSON`;
    expect(ids(await call(`${platform.base}/Claim?identifier=${fileName}`, hospital))).toEqual([claimId]);
    expect(ids(await call(`${platform.base}/ClaimResponse?request.identifier=${number}`, hospital))).toEqual([
      `ClaimResponse/${submitted.response.id}`,
    ]);
    // The case answers with the number as the payer's reference, filled in like the Claim's.
    expect(submitted.response.preAuthRef).toBe(number);
    const stored = await call(`${platform.base}/ClaimResponse/${submitted.response.id}`, hospital);
    expect(stored.body.preAuthRef).toBe(number);

    const bundle = await call(`${platform.base}/${bundleId}/_history/1`, hospital);
    expect(bundle.body.identifier).toEqual({ system: RECEIPT, value: number });
    const inBundle = (bundle.body.entry as { resource: SubmittedCase['claim'] }[]).find(
      ({ resource }) => resource.resourceType === 'Claim',
    )?.resource;
    const claim = await call(`${platform.base}/${claimId}/_history/1`, hospital);
    for (const stored of [inBundle, claim.body as SubmittedCase['claim']])
      expect(stored?.identifier?.slice(0, 2)).toEqual([
        { use: 'official', value: number },
        { use: 'usual', value: fileName },
      ]);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { subtype: 'submit', resourceId: submitted.bundleId },
    });
    expect(audit.detail).toMatchObject({ acceptanceNumber: number });
    expect(await placeholdersLeft()).toBe(0);
  });

  it('writes a resubmission’s number into the reopened case, its history, its audit and its notification', async () => {
    // Dated in the future, the application fails the pre-check (申請檔案未備齊): a 送核補件 (subType 2) may follow.
    const incomplete = sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab') as unknown as {
      entry: { resource: { resourceType: string; created?: string } }[];
    };
    const claim = incomplete.entry.find(({ resource }) => resource.resourceType === 'Claim')?.resource;
    if (claim) claim.created = '2099-01-01';
    const first = await submitCase(platform, hospital, incomplete);
    expect(first.response.disposition).toBe('申請檔案未備齊');

    const { bundle } = resubmissionOf('a-breast-her2-trastuzumab-pertuzumab', first.acceptanceNumber, '2');
    const second = await submitCase(platform, hospital, bundle);
    expect(BigInt(second.acceptanceNumber)).toBe(BigInt(first.acceptanceNumber) + 1n);
    expect(second.response.id).toBe(first.response.id);
    expect(second.response.preAuthRef).toBe(second.acceptanceNumber);
    const history = JSON.stringify(second.response.extension);
    expect(history).toContain(`"valueString":"${second.acceptanceNumber}"`);
    expect(history).toContain(`送核補件 ${second.acceptanceNumber}`);
    expect(
      ids(
        await call(`${platform.base}/ClaimResponse?request.identifier=${second.acceptanceNumber}`, hospital),
      ),
    ).toEqual([`ClaimResponse/${first.response.id}`]);

    const reopen = await db.prisma.auditEvent.findFirstOrThrow({
      where: { subtype: 'workflow-reopen', resourceId: first.response.id },
    });
    expect((reopen.detail as { reason: string }).reason).toBe(`送核補件 ${second.acceptanceNumber}`);
    const delivered = await eventually(
      async () =>
        hook.received.find(
          ({ body }) =>
            body.id === first.response.id && JSON.stringify(body).includes(second.acceptanceNumber),
        ),
      'the notification of the reopened case',
    );
    expect(JSON.stringify(delivered.body)).not.toMatch(new RegExp(PLACEHOLDER));
    expect(await placeholdersLeft()).toBe(0);
  });

  it('numbers parallel submissions consecutively, leaving no placeholder behind', async () => {
    const before = BigInt((await submit('a-crc-kras-bevacizumab')).acceptanceNumber);
    const numbers = await Promise.all(
      Array.from({ length: 8 }, async () =>
        BigInt((await submit('a-crc-kras-bevacizumab')).acceptanceNumber),
      ),
    );
    expect(numbers.sort((a, b) => (a < b ? -1 : 1))).toEqual(
      Array.from({ length: 8 }, (_, n) => before + BigInt(n + 1)),
    );
    expect(await placeholdersLeft()).toBe(0);
  });

  it('stores nothing and gives the number back when the submission fails after drawing it', async () => {
    const first = await submit('a-hcc-atezolizumab-bevacizumab');
    const before = await stored();
    // A fault injected inside the database: writing the drawn number into the stored Claim is refused.
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION fail_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.resource_type = 'Claim' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END; $$`);
    await db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER fail_fill BEFORE UPDATE ON fhir_resource FOR EACH ROW EXECUTE FUNCTION fail_fill()',
    );
    try {
      const reply = await call(`${platform.base}/Bundle`, hospital, {
        method: 'POST',
        body: sandboxRequestBundle('a-hcc-atezolizumab-bevacizumab'),
      });
      expect(reply.status).toBe(500);
    } finally {
      await db.prisma.$executeRawUnsafe('DROP TRIGGER fail_fill ON fhir_resource');
      await db.prisma.$executeRawUnsafe('DROP FUNCTION fail_fill()');
    }
    expect(await stored()).toEqual(before);
    expect(await counter(first.acceptanceNumber)).toBe(Number(first.acceptanceNumber.slice(-6)));
    expect(await placeholdersLeft()).toBe(0);
    const next = await submit('a-hcc-atezolizumab-bevacizumab');
    expect(BigInt(next.acceptanceNumber)).toBe(BigInt(first.acceptanceNumber) + 1n);
  });

  it('refuses a submission once the hospital’s numbers of the day are used up, and gives the number back', async () => {
    const last = await submit('a-myeloma-daratumumab');
    // As if 999,999 cases had come in today.
    await setCounter(last.acceptanceNumber, 999_999);
    const before = await stored();
    const refused = await call(`${platform.base}/Bundle`, hospital, {
      method: 'POST',
      body: sandboxRequestBundle('a-myeloma-daratumumab'),
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('sequence 1000000 must be an integer from 1 to 999999');
    expect(await stored()).toEqual(before);
    expect(await counter(last.acceptanceNumber)).toBe(999_999);
    expect(await placeholdersLeft()).toBe(0);

    await setCounter(last.acceptanceNumber, 999_998);
    const final = await submit('a-myeloma-daratumumab');
    expect(final.acceptanceNumber).toBe(`${last.acceptanceNumber.slice(0, 18)}999999`);
  });
});
