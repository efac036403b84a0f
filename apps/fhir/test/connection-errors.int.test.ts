import { request } from 'node:http';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import type { OperationOutcome } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from './harness.ts';

// Requests refused before any route runs still get an OperationOutcome: a path that does not decode, and
// headers larger than Node accepts.

const targets = await testTargets();

/** A raw HTTP/1.1 request: fetch would normalise the URL and refuse oversized headers itself. */
function raw(url: URL, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string; body: OperationOutcome }>((resolve, reject) => {
    const sent = request({ host: url.hostname, port: url.port, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body: JSON.parse(text) as OperationOutcome,
        }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe.each(targets)('errors before routing on $name', (target) => {
  let db: Database;
  let platform: Platform;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('answers a path that does not decode with 400 and an OperationOutcome', async () => {
    const base = new URL(platform.base);
    const answer = await raw(base, `${base.pathname}/Patient/%E0%A4%A`);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/fhir+json');
    expect(answer.body.resourceType).toBe('OperationOutcome');
    expect(answer.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid' });
  });

  it('answers headers larger than the server accepts with 431 and an OperationOutcome', async () => {
    const base = new URL(platform.base);
    const answer = await raw(base, `${base.pathname}/metadata`, { 'x-padding': 'a'.repeat(32 * 1024) });
    expect(answer.status).toBe(431);
    expect(answer.type).toContain('application/fhir+json');
    expect(answer.body.issue[0]).toMatchObject({
      code: 'invalid',
      diagnostics: 'the request headers are too large',
    });
  });
});
