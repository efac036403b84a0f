import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';
import { eventually, type Hook, startHook } from './notification-hook.ts';

const targets = await testTargets();

describe.each(targets)('Subscription notifications on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let hookA: Hook;
  let hookB: Hook;
  let tokenA: string;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    await platform.backendClient('his-a', '0101090517', 'system/*.cruds');
    await platform.backendClient('his-b', '0131020016', 'system/*.cruds');
    tokenA = await platform.token('his-a', 'system/*.cruds');
    const tokenB = await platform.token('his-b', 'system/*.cruds');
    hookA = await startHook();
    hookB = await startHook();
    const subscribe = (token: string, endpoint: string) =>
      call(`${platform.base}/Subscription`, token, {
        method: 'POST',
        body: {
          resourceType: 'Subscription',
          status: 'requested',
          reason: 'follow our prior-authorization cases',
          criteria: 'ClaimResponse',
          channel: {
            type: 'rest-hook',
            endpoint,
            payload: 'application/fhir+json',
            header: ['Authorization: Bearer hook-secret'],
          },
        },
      });
    const created = await subscribe(tokenA, hookA.url);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('active');
    expect((await subscribe(tokenB, hookB.url)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await hookA?.close();
    await hookB?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('refuses a Subscription it cannot serve, with the reason', async () => {
    const reply = await call(`${platform.base}/Subscription`, tokenA, {
      method: 'POST',
      body: {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'x',
        criteria: 'Patient',
        channel: { type: 'rest-hook', endpoint: 'http://example.com/hook' },
      },
    });
    expect(reply.status).toBe(422);
  });

  it('tells the hospital about its own case, and only the hospital, after the transaction commits', async () => {
    const submitted = await call(`${platform.base}/Bundle`, tokenA, {
      method: 'POST',
      body: sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab'),
    });
    expect(submitted.status).toBe(201);
    const notified = await eventually(async () => hookA.received.at(-1), 'a notification');
    expect(notified.body).toMatchObject({ resourceType: 'ClaimResponse', disposition: '已受理' });
    expect(notified.headers.authorization).toBe('Bearer hook-secret');
    expect(notified.headers['content-type']).toBe('application/fhir+json');
    expect(hookB.received).toEqual([]);
  });

  it('retries a failing endpoint until it answers', async () => {
    hookA.failNext = 2;
    const before = hookA.received.length;
    const submitted = await call(`${platform.base}/Bundle`, tokenA, {
      method: 'POST',
      body: sandboxRequestBundle('a-nsclc-egfr-osimertinib'),
    });
    expect(submitted.status).toBe(201);
    await eventually(async () => (hookA.failNext === 0 ? true : undefined), 'two failed attempts');
    // Skip the backoff wait: make the retry due now.
    await db.prisma.notificationOutbox.updateMany({
      where: { deliveredAt: null },
      data: { nextAttemptAt: new Date(0) },
    });
    await platform.deliverNotifications();
    await db.prisma.notificationOutbox.updateMany({
      where: { deliveredAt: null },
      data: { nextAttemptAt: new Date(0) },
    });
    await eventually(
      async () => (hookA.received.length > before ? true : undefined),
      'the retried notification',
    );
    const row = await db.prisma.notificationOutbox.findFirst({ orderBy: { id: 'desc' } });
    expect(row?.deliveredAt).not.toBeNull();
    expect(row?.attempts).toBe(3);
  });
});
