import type { Database } from '@openpas/db';
import { readSandboxPrivateKey } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningAuth, seedSandboxClients, startAuth } from './harness.ts';
import { assertionForm, postForm } from './token-requests.ts';

const targets = await testTargets();
const [embedded] = targets;
const ISSUER = 'https://auth.openpas.example';

// In production TLS ends at a proxy and the server sees plain http; everything it publishes, accepts and
// sets must still be the https issuer's.
describe('behind a TLS-terminating proxy', () => {
  let db: Database;
  let server: RunningAuth;
  let local: string;

  beforeAll(async () => {
    if (!embedded) throw new Error('no embedded database target');
    db = await embedded.open();
    await seedSandboxClients(db);
    const port = await freePort();
    local = `http://127.0.0.1:${port}`;
    server = await startAuth(db, port, { AUTH_ISSUER: ISSUER });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    for (const target of targets) await target.dispose();
  });

  it("publishes the issuer's https endpoints, whatever forwarded host a client sends", async () => {
    const response = await fetch(`${local}/.well-known/openid-configuration`, {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    });
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks`,
    });
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('accepts a client assertion addressed to the https token endpoint', async () => {
    const assertion = await createClientAssertion({
      clientId: 'sandbox-hospital-backend',
      audience: `${ISSUER}/token`,
      key: readSandboxPrivateKey('hospital-backend.private.jwk.json'),
    });
    const reply = await postForm(`${local}/token`, assertionForm(assertion, 'system/Bundle.crs'));
    expect(reply.status).toBe(200);
  });

  it('sets Secure cookies', async () => {
    const response = await fetch(`${local}/account/apps`);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/openpas_form=[^;]+;.*secure/i);
  });
});
