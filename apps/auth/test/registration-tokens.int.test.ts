import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';

const targets = await testTargets();

const CLIENT = {
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'system/ClaimResponse.rs',
};

describe.each(targets)('registration initial access tokens on $name', (target) => {
  let db: Database;
  let server: RunningAuth | undefined;

  beforeAll(async () => {
    db = await target.open();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await target.dispose();
  });

  async function register(token: string, name: string) {
    const reply = await fetch(`${server?.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...CLIENT, client_name: name }),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  }

  it('accepts every token listed in AUTH_REGISTRATION_TOKENS, and only those', async () => {
    const tokens = { AUTH_REGISTRATION_TOKENS: 'first-registration-token,second-registration-token' };
    server = await startAuth(db, undefined, tokens);
    expect((await register('first-registration-token', 'First')).status).toBe(201);
    expect((await register('second-registration-token', 'Second')).status).toBe(201);
    const unlisted = await register('third-registration-token', 'Third');
    expect(unlisted.status).toBe(401);
    expect(unlisted.body.error).toBe('invalid_token');
    expect((await register('sandbox-registration-token', 'Sandbox')).status).toBe(401);

    // Started again with the same list (as every instance and restart does), the tokens still work once.
    await server.stop();
    server = await startAuth(db, undefined, tokens);
    expect((await register('second-registration-token', 'Again')).status).toBe(201);
  });

  it('stops accepting a token once it is taken off the list', async () => {
    await server?.stop();
    server = await startAuth(db, undefined, { AUTH_REGISTRATION_TOKENS: 'second-registration-token' });
    expect((await register('first-registration-token', 'Gone')).status).toBe(401);
    expect((await register('second-registration-token', 'Kept')).status).toBe(201);
  });
});
