import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from './harness.ts';

// A browser SMART app (the launch app on LAUNCH_URL) calls the API cross-origin with a bearer token.

const targets = await testTargets();
const APP_ORIGIN = 'http://localhost:3003';
const PATIENT = 'a-breast-her2-trastuzumab-pertuzumab';

describe.each(targets)('CORS at the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    await platform.backendClient('cors-his', '0101090517', 'system/Patient.rs');
    token = await platform.token('cors-his', 'system/Patient.rs');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  const exposed = (response: Response) =>
    (response.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);

  it('answers a preflight with Authorization with 204 and what the app may send', async () => {
    const response = await fetch(`${platform.base}/Patient/${PATIENT}`, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type, if-match, prefer',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const methods = String(response.headers.get('access-control-allow-methods')).split(/\s*,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const headers = String(response.headers.get('access-control-allow-headers'))
      .toLowerCase()
      .split(/\s*,\s*/);
    expect(headers).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'accept',
        'if-match',
        'if-none-match',
        'if-none-exist',
        'prefer',
        'x-request-id',
      ]),
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('lets the app read a resource and its ETag', async () => {
    const response = await fetch(`${platform.base}/Patient/${PATIENT}`, {
      headers: { origin: APP_ORIGIN, authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(exposed(response)).toEqual(
      expect.arrayContaining(['etag', 'location', 'content-location', 'last-modified', 'x-request-id']),
    );
  });

  it('keeps the headers on a 401, so the app can read why', async () => {
    const response = await fetch(`${platform.base}/Patient`, { headers: { origin: APP_ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('keeps the header on a request refused before routing (a path that does not decode)', async () => {
    const response = await fetch(`${platform.base}/Patient/%E0%A4%A`, { headers: { origin: APP_ORIGIN } });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(['/.well-known/smart-configuration', '/metadata', '/Nonexistent'])(
    'answers %s cross-origin too',
    async (path) => {
      const response = await fetch(`${platform.base}${path}`, { headers: { origin: APP_ORIGIN } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const preflight = await fetch(`${platform.base}${path}`, {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    },
  );
});
