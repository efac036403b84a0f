import { decideClient, OAuthClientStore } from '@openpas/auth-store';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { claimRegistration, RegistryError, reviewQueue } from '../src/index.ts';
import { user } from './fixtures.ts';

// RFC 7591 registrations brought into the console by the developer holding their RFC 7592 token.

const options = { production: false, authIssuer: 'http://auth.test' };
const targets = await testTargets();

describe.each(targets)('claiming a dynamic registration on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function registration(clientId: string, token: string) {
    await new OAuthClientStore(suite.sql).register(clientId, {
      metadata: {
        client_name: `Registered ${clientId}`,
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [] },
      },
      allowedScopes: 'system/ClaimResponse.rs',
      secretHash: null,
    });
    await suite.sql.execute(
      `INSERT INTO oidc_payload (model, id, payload) VALUES ('RegistrationAccessToken', $1, $2::jsonb)`,
      [token, JSON.stringify({ clientId })],
    );
  }

  it('makes a pending registration a pending app in the admin’s queue', async () => {
    const developer = { userId: await user(suite.sql, ['developer']), organizationId: null };
    await registration('dyn-pending', 'rat-pending');
    const app = await claimRegistration(
      suite.sql,
      developer,
      { clientId: 'dyn-pending', registrationAccessToken: 'rat-pending' },
      options,
    );
    expect(app).toMatchObject({
      status: 'pending',
      dynamicRegistration: true,
      liveVersion: null,
      name: 'Registered dyn-pending',
    });
    expect(app.working.details).toMatchObject({
      launchTypes: ['backend-service'],
      clientKind: 'confidential-jwks',
    });
    expect(app.clients.map((c) => [c.clientId, c.environment])).toEqual([['dyn-pending', 'production']]);
    expect((await reviewQueue(suite.sql)).map((item) => item.appId)).toContain(app.id);
  });

  it('makes an approved registration a live app, and refuses a wrong token or a second claim', async () => {
    const developer = { userId: await user(suite.sql, ['developer']), organizationId: null };
    await registration('dyn-approved', 'rat-approved');
    await decideClient(suite.sql, { clientId: 'dyn-approved', decision: 'approve' });
    const wrong = await claimRegistration(
      suite.sql,
      developer,
      { clientId: 'dyn-approved', registrationAccessToken: 'rat-pending' },
      options,
    ).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(RegistryError);
    const app = await claimRegistration(
      suite.sql,
      developer,
      { clientId: 'dyn-approved', registrationAccessToken: 'rat-approved' },
      options,
    );
    expect(app).toMatchObject({ status: 'approved', liveVersion: 1, listed: false });
    expect(app.working.status).toBe('approved');
    const again = await claimRegistration(
      suite.sql,
      developer,
      { clientId: 'dyn-approved', registrationAccessToken: 'rat-approved' },
      options,
    ).catch((e: unknown) => e);
    expect((again as RegistryError).code).toBe('not-found');
  });
});
