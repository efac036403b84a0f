import { request } from 'node:http';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_REGISTRATION_TOKEN } from '../src/startup-checks.ts';
import { type RunningAuth, seedSandboxClients, startAuth } from './harness.ts';
import { assertionForm, postForm, registerBackendClient } from './token-requests.ts';

const targets = await testTargets();
const [embedded] = targets;
// oidc-provider reads at most 56 KiB of a request body; every endpoint keeps to that limit.
const LIMIT = 56 * 1024;
const oversized = `token=${'a'.repeat(LIMIT)}`;

/** A POST without Content-Length (chunked), so the server only learns the size while reading. */
async function postChunked(url: string, body: string, contentType: string, authorization?: string) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((done, fail) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        accept: 'application/json',
        'transfer-encoding': 'chunked',
        ...(authorization ? { authorization } : {}),
      },
    });
    req.on('error', fail);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
    });
    for (let at = 0; at < body.length; at += 8192) req.write(body.slice(at, at + 8192));
    req.end();
  });
}

describe('request bodies over the limit', () => {
  let db: Database;
  let server: RunningAuth;
  let launchToken: string;

  beforeAll(async () => {
    if (!embedded) throw new Error('no embedded database target');
    db = await embedded.open();
    await seedSandboxClients(db);
    const key = await registerBackendClient(db, 'ehr-backend', 'ES256', { scopes: 'launch-context' });
    server = await startAuth(db);
    const assertion = await createClientAssertion({
      clientId: 'ehr-backend',
      audience: server.tokenEndpoint,
      key,
    });
    const issued = await postForm(server.tokenEndpoint, assertionForm(assertion, 'launch-context'));
    launchToken = String(issued.body.access_token);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    for (const target of targets) await target.dispose();
  });

  function expectTooLarge(reply: { status: number; body: Record<string, unknown> }) {
    expect(reply.status).toBe(413);
    expect(reply.body.error).toBe('invalid_request');
    expect(String(reply.body.error_description)).toContain(`${LIMIT} bytes`);
  }

  it.each([
    ['/token', 'application/x-www-form-urlencoded', oversized],
    ['/token/introspection', 'application/x-www-form-urlencoded', oversized],
    ['/token/revocation', 'application/x-www-form-urlencoded', oversized],
    ['/reg', 'application/json', JSON.stringify({ client_name: 'a'.repeat(LIMIT) })],
    ['/api/launch', 'application/json', JSON.stringify({ client_id: 'a'.repeat(LIMIT) })],
  ])('answers 413 invalid_request naming the limit on %s', async (path, type, body) => {
    const response = await fetch(`${server.issuer}${path}`, {
      method: 'POST',
      headers: {
        'content-type': type,
        accept: 'application/json',
        authorization: `Bearer ${SANDBOX_REGISTRATION_TOKEN}`,
      },
      body,
    });
    expectTooLarge({ status: response.status, body: (await response.json()) as Record<string, unknown> });
  });

  it('answers 413 invalid_request for a Bearer introspection body over the limit', async () => {
    const response = await fetch(`${server.issuer}/token/introspection`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer some-token' },
      body: oversized,
    });
    expectTooLarge({ status: response.status, body: (await response.json()) as Record<string, unknown> });
  });

  it('answers 413 invalid_request when a chunked body to /token grows over the limit', async () => {
    expectTooLarge(
      await postChunked(`${server.issuer}/token`, oversized, 'application/x-www-form-urlencoded'),
    );
  });

  it('answers 413 invalid_request when a chunked body to /api/launch grows over the limit', async () => {
    const body = JSON.stringify({ client_id: 'a'.repeat(2 * LIMIT) });
    expectTooLarge(
      await postChunked(`${server.issuer}/api/launch`, body, 'application/json', `Bearer ${launchToken}`),
    );
  });

  it('answers headers larger than the server accepts with 431 invalid_request', async () => {
    const answer = await new Promise<{ status: number; type: string; body: Record<string, unknown> }>(
      (done, fail) => {
        const req = request(`${server.issuer}/.well-known/openid-configuration`, {
          headers: { 'x-padding': 'a'.repeat(32 * 1024) },
        });
        req.on('error', fail);
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () =>
            done({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type']),
              body: JSON.parse(text),
            }),
          );
        });
        req.end();
      },
    );
    expect(answer.status).toBe(431);
    expect(answer.type).toContain('application/json');
    expect(answer.body).toEqual({
      error: 'invalid_request',
      error_description: 'the request headers are too large',
    });
  });
});
