import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedSecretDigest, OAuthClientStore, registeredClients } from './oauth-clients.ts';

const targets = await testTargets();

describe.each(targets)('oauth_client on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let store: OAuthClientStore;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
    store = new OAuthClientStore(sql);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('registers a client as pending, and a second registration keeps its review status', async () => {
    const registration = {
      metadata: { client_name: 'C' },
      allowedScopes: 'system/Bundle.crs',
      secretHash: 'sha256$x',
    };
    await store.register('client-c', registration);
    expect(await store.find('client-c')).toEqual({
      clientId: 'client-c',
      metadata: { client_name: 'C' },
      allowedScopes: 'system/Bundle.crs',
      reviewStatus: 'pending',
      statusReason: null,
      secretHash: 'sha256$x',
      organizationId: null,
      environment: 'production',
      previousSecretHash: null,
    });
    await db.prisma.oAuthClient.update({
      where: { clientId: 'client-c' },
      data: { reviewStatus: 'approved' },
    });
    await store.register('client-c', { ...registration, metadata: { client_name: 'C2' } });
    expect(await store.find('client-c')).toMatchObject({
      reviewStatus: 'approved',
      metadata: { client_name: 'C2' },
    });
    expect(await registeredClients(sql)).toEqual([{ clientId: 'client-c', metadata: { client_name: 'C2' } }]);
  });

  it('finds 20 clients asked for at once, and nothing for an unknown one', async () => {
    for (let i = 0; i < 20; i += 1) {
      await store.register(`many-${i}`, { metadata: {}, allowedScopes: `s${i}`, secretHash: null });
    }
    const found = await Promise.all(Array.from({ length: 20 }, (_, i) => store.find(`many-${i}`)));
    expect(found.map((client) => client?.allowedScopes)).toEqual(
      Array.from({ length: 20 }, (_, i) => `s${i}`),
    );
    expect(await store.find('nobody')).toBeUndefined();
  });

  it('gives the rotated-out secret only while its grace period lasts, and accepts it for the current one then', async () => {
    await store.register('rotated', { metadata: {}, allowedScopes: 's', secretHash: 'sha256$new' });
    const rotate = (expiresIn: string) =>
      sql.execute(
        `UPDATE oauth_client SET previous_secret_hash = 'sha256$old',
           previous_secret_expires_at = now() + $1::interval WHERE client_id = 'rotated'`,
        [expiresIn],
      );
    await rotate('1 hour');
    const during = await store.find('rotated');
    expect(during?.previousSecretHash).toBe('sha256$old');
    expect(acceptedSecretDigest(during, 'sha256$old')).toBe('sha256$new');
    expect(acceptedSecretDigest(during, 'sha256$new')).toBe('sha256$new');
    expect(acceptedSecretDigest(during, 'sha256$guess')).toBe('sha256$guess');
    await rotate('-1 second');
    const after = await store.find('rotated');
    expect(after?.previousSecretHash).toBeNull();
    expect(acceptedSecretDigest(after, 'sha256$old')).toBe('sha256$old');
    expect(acceptedSecretDigest(undefined, 'sha256$old')).toBe('sha256$old');
  });

  it('removes a client', async () => {
    await store.remove('client-c');
    expect(await store.find('client-c')).toBeUndefined();
  });
});
