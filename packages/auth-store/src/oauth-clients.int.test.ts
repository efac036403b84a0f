import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClientStore, registeredClients } from './oauth-clients.ts';

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

  it('removes a client', async () => {
    await store.remove('client-c');
    expect(await store.find('client-c')).toBeUndefined();
  });
});
