import { clientSecretDigest } from '@openpas/db/seed';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { decideClient, UnknownClientError } from './client-decisions.ts';
import { hashClientSecret } from './client-issuance.ts';
import { OAuthClientStore } from './oauth-clients.ts';

const targets = await testTargets();

describe('client secret digests', () => {
  it('are written by the seed in the format the auth server compares', () => {
    expect(clientSecretDigest('sandbox-portal-secret')).toBe(hashClientSecret('sandbox-portal-secret'));
  });
});

describe.each(targets)('decideClient on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function client(id: string) {
    await new OAuthClientStore(suite.sql).register(id, {
      metadata: {},
      allowedScopes: 'system/Bundle.crs',
      secretHash: null,
    });
    await suite.sql.execute(
      `INSERT INTO oidc_payload (model, id, payload) VALUES ('ClientCredentials', $1, $2::jsonb), ('AccessToken', $3, $2::jsonb)`,
      [`${id}-t1`, JSON.stringify({ clientId: id }), `${id}-t2`],
    );
  }

  it('activates a client, and blocks it with every token it holds deleted and the decision audited', async () => {
    await client('decided');
    expect(await decideClient(suite.sql, { clientId: 'decided', decision: 'approve' })).toEqual({
      status: 'approved',
      revoked: 0,
    });
    expect((await new OAuthClientStore(suite.sql).find('decided'))?.reviewStatus).toBe('approved');
    expect(
      await decideClient(suite.sql, { clientId: 'decided', decision: 'suspend', reason: 'incident' }),
    ).toEqual({
      status: 'suspended',
      revoked: 2,
    });
    expect(await new OAuthClientStore(suite.sql).find('decided')).toMatchObject({
      reviewStatus: 'suspended',
      statusReason: 'incident',
    });
    const audit = await suite.sql.query<{ subtype: string }>(
      `SELECT subtype FROM audit_event WHERE client_id = 'decided' ORDER BY id`,
    );
    expect(audit.map((row) => row.subtype)).toEqual(['client-approve', 'client-suspend']);
  });

  it('wants a reason for anything but approval, and knows only existing clients', async () => {
    await client('no-reason');
    await expect(
      decideClient(suite.sql, { clientId: 'no-reason', decision: 'reject', reason: ' ' }),
    ).rejects.toThrow(/reason is required/);
    await expect(decideClient(suite.sql, { clientId: 'nobody', decision: 'approve' })).rejects.toBeInstanceOf(
      UnknownClientError,
    );
  });
});
