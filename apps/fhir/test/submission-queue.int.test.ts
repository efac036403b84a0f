import { readFileSync } from 'node:fs';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { type Bundle, nationalIdCheckDigit } from '@openpas/fhir-model';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from './harness.ts';

// Submitted Bundles are handled a few at a time (FHIR_SUBMIT_CONCURRENCY), the rest wait their turn. A
// hospital's client that gives up (a timeout, a dropped line) must give its place back: once, places
// taken by clients that had left were never returned, and after a burst of them every later submission
// waited forever. Submissions handled side by side about one new patient must store one Patient record:
// once, each stored its own, and with two records neither was ever matched again.

const targets = await testTargets();
const haveShared = sharedAvailable();
const A = '0101090517';
const LIMIT = 2;

describe.skipIf(!haveShared).each(targets)('the submission queue on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let token: string;
  let body: string;

  const submit = (signal: AbortSignal, text = body) =>
    fetch(`${platform.base}/Bundle`, {
      method: 'POST',
      body: text,
      signal,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/fhir+json',
        'content-type': 'application/fhir+json',
      },
    });

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db, { env: { FHIR_SUBMIT_CONCURRENCY: String(LIMIT) } });
    await platform.backendClient('queue-his', A, 'system/Bundle.crs system/Patient.rs');
    token = await platform.token('queue-his', 'system/Bundle.crs system/Patient.rs');
    body = readFileSync(sharedPath('twpas/examples', 'Bundle-bun-1.json'), 'utf8');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
  });

  it('takes new submissions after clients left in the middle of theirs, handled or waiting', async () => {
    // Four times the limit, each given up after a few milliseconds: some leave while theirs is handled,
    // the others while they wait in line.
    const leaving = await Promise.allSettled(
      Array.from({ length: LIMIT * 4 }, (_, i) => submit(AbortSignal.timeout(5 + i * 10))),
    );
    expect(leaving.some((outcome) => outcome.status === 'rejected')).toBe(true);
    // More than the limit at once, so every place must have come back.
    const after = await Promise.all(
      Array.from({ length: LIMIT + 1 }, () => submit(AbortSignal.timeout(30_000)).then((r) => r.status)),
    );
    expect(after).toEqual(Array.from({ length: LIMIT + 1 }, () => 201));
  }, 90_000);

  it('stores one Patient record when first submissions about a new patient arrive together', async () => {
    // The official Bundle about a patient this hospital has no record of: a fresh national ID, same gender.
    const first9 = `A1${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    const nationalId = `${first9}${nationalIdCheckDigit(first9)}`;
    const bundle = JSON.parse(body) as Bundle;
    for (const entry of bundle.entry ?? [])
      for (const identifier of (entry.resource as { identifier?: { system?: string; value?: string }[] })
        .identifier ?? [])
        if (entry.resource?.resourceType === 'Patient' && identifier.system === 'http://www.moi.gov.tw')
          identifier.value = nationalId;
    const text = JSON.stringify(bundle);
    const statuses = await Promise.all(
      Array.from({ length: LIMIT + 2 }, () =>
        submit(AbortSignal.timeout(30_000), text).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: LIMIT + 2 }, () => 201));
    const found = await fetch(
      `${platform.base}/Patient?identifier=${encodeURIComponent(`http://www.moi.gov.tw|${nationalId}`)}&_total=accurate`,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } },
    );
    expect(((await found.json()) as Bundle).total).toBe(1);
  }, 90_000);
});
