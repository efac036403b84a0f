import { createHash, randomUUID } from 'node:crypto';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import {
  createPortalSession,
  endPortalSession,
  findPortalSession,
  sweepPortalSessions,
} from '../src/sessions.ts';

const targets = await testTargets();

describe.each(targets)('portal sessions on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function account(disabled = false): Promise<string> {
    const id = randomUUID();
    await suite.sql.execute(
      `INSERT INTO app_user (id, username, display_name, password_hash, roles, updated_at, disabled_at)
       VALUES ($1::uuid, $2, 'Dev', 'x', ARRAY['developer']::role[], now(), $3::timestamptz)`,
      [id, `s-${id}`, disabled ? new Date().toISOString() : null],
    );
    return id;
  }

  it('finds the session’s user by the cookie value, keeps only its hash, and ends it with the id_token back', async () => {
    const userId = await account();
    const { token } = await createPortalSession(suite.sql, {
      userId,
      idToken: 'id.token.jwt',
      ttlSeconds: 3600,
    });
    const rows = await suite.sql.query<{ id: string }>(
      'SELECT id FROM portal_session WHERE user_id = $1::uuid',
      [userId],
    );
    expect(rows.map((row) => row.id)).toEqual([createHash('sha256').update(token).digest('base64url')]);
    expect(await findPortalSession(suite.sql, token)).toMatchObject({
      user: { id: userId, roles: ['developer'], displayName: 'Dev', organizationId: null },
    });
    expect(await findPortalSession(suite.sql, rows[0]?.id ?? '')).toBeNull(); // the stored hash is no cookie
    expect(await endPortalSession(suite.sql, token)).toEqual({ idToken: 'id.token.jwt' });
    expect(await findPortalSession(suite.sql, token)).toBeNull();
    expect(await endPortalSession(suite.sql, token)).toBeNull();
  });

  it('ignores expired sessions and those of disabled accounts, and sweeps the expired', async () => {
    const expired = await createPortalSession(suite.sql, {
      userId: await account(),
      idToken: 't',
      ttlSeconds: 0,
    });
    const disabled = await createPortalSession(suite.sql, {
      userId: await account(true),
      idToken: 't',
      ttlSeconds: 3600,
    });
    expect(await findPortalSession(suite.sql, expired.token)).toBeNull();
    expect(await findPortalSession(suite.sql, disabled.token)).toBeNull();
    expect(await sweepPortalSessions(suite.sql)).toBeGreaterThanOrEqual(1);
  });
});
