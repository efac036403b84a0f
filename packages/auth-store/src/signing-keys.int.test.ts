import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSigningKey, loadKeyRing } from './signing-keys.ts';

const targets = await testTargets();

describe.each(targets)('signing_key on $name', (target) => {
  let db: Database;
  let sql: FastSql;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('creates one key per algorithm when four instances start together on an empty database', async () => {
    const rings = await Promise.all(Array.from({ length: 4 }, () => loadKeyRing(sql, ['RS256'])));
    const kids = rings.map((ring) => ring.signingKid('RS256'));
    expect(new Set(kids).size).toBe(1);
    expect(await db.prisma.signingKey.count()).toBe(1);
    // The ring holds the private key and publishes only its public part.
    const [published] = rings[0]?.publicJwks().keys ?? [];
    expect(published).toMatchObject({ kid: kids[0], alg: 'RS256', kty: 'RSA' });
    expect(published).not.toHaveProperty('d');
  });

  it('loads the same keys again, and a key added later signs from the next load while the old one still verifies', async () => {
    const before = await loadKeyRing(sql, ['RS256']);
    const oldKid = before.signingKid('RS256');
    const newKid = await addSigningKey(sql, 'RS256');
    expect(newKid).not.toBe(oldKid);
    const after = await loadKeyRing(sql, ['RS256']);
    expect(after.signingKid('RS256')).toBe(newKid);
    expect(
      after
        .publicJwks()
        .keys.map((key) => key.kid)
        .sort(),
    ).toEqual([oldKid, newKid].sort());
    expect(await db.prisma.signingKey.count()).toBe(2);
  });

  it('starts a key for an algorithm that has only retired keys', async () => {
    await db.prisma.signingKey.updateMany({ data: { retiredAt: new Date() } });
    const ring = await loadKeyRing(sql, ['RS256']);
    const active = await db.prisma.signingKey.findMany({ where: { retiredAt: null } });
    expect(active.map((row) => row.kid)).toEqual([ring.signingKid('RS256')]);
    expect(await db.prisma.signingKey.count()).toBe(3);
  });
});
