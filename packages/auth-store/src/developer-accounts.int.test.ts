import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import {
  accountAwaitingVerification,
  EmailTakenError,
  registerDeveloper,
  setDeveloperOrganization,
  verifyEmail,
} from './developer-accounts.ts';

const targets = await testTargets();

describe.each(targets)('developer sign-up on $name', (target) => {
  const suite = openTargetForSuite(target);

  it('creates a developer with a vendor organisation, waiting for the verification link, which works once', async () => {
    const { userId, verificationToken } = await registerDeveloper(suite.sql, {
      email: ' Ada@Example.COM ',
      password: 'a long password',
      displayName: 'Ada',
      organizationName: '艾達科技',
    });
    const [row] = await suite.sql.query<{
      username: string;
      email: string;
      roles: string;
      kind: string;
      name: string;
      hash: string;
    }>(
      `SELECT u.username, u.email, array_to_json(u.roles)::text AS roles, o.kind::text AS kind, o.name, u.password_hash AS hash
       FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = $1::uuid`,
      [userId],
    );
    expect(row).toMatchObject({
      username: 'ada@example.com',
      email: 'ada@example.com',
      roles: '["developer"]',
      kind: 'vendor',
      name: '艾達科技',
    });
    expect(row?.hash).toMatch(/^\$scrypt\$/);
    const stored = await suite.sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM email_verification WHERE user_id = $1::uuid',
      [userId],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(verificationToken);
    expect(await accountAwaitingVerification(suite.sql, userId)).toBe(true);
    expect(await verifyEmail(suite.sql, verificationToken)).toBe('verified');
    expect(await accountAwaitingVerification(suite.sql, userId)).toBe(false);
    expect(await verifyEmail(suite.sql, verificationToken)).toBe('unknown');
  });

  it('refuses a second account with the same email, leaving no organisation behind', async () => {
    const input = {
      email: 'twice@example.com',
      password: 'a long password',
      displayName: 'T',
      organizationName: 'Twice Org',
    };
    await registerDeveloper(suite.sql, input);
    await expect(
      registerDeveloper(suite.sql, { ...input, email: 'TWICE@example.com' }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    const orgs = await suite.sql.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM organization WHERE name = 'Twice Org'`,
    );
    expect(Number(orgs[0]?.n)).toBe(1);
  });

  it('says a link is expired after its day', async () => {
    const { userId, verificationToken } = await registerDeveloper(suite.sql, {
      email: 'late@example.com',
      password: 'a long password',
      displayName: 'Late',
      organizationName: 'Late Org',
    });
    await suite.sql.execute(
      `UPDATE email_verification SET expires_at = now() - interval '1 second' WHERE user_id = $1::uuid`,
      [userId],
    );
    expect(await verifyEmail(suite.sql, verificationToken)).toBe('expired');
    expect(await verifyEmail(suite.sql, verificationToken)).toBe('expired');
    expect(await accountAwaitingVerification(suite.sql, userId)).toBe(true); // an expired link lets no one in
  });

  it('renames the developer’s organisation, or gives them one', async () => {
    const { userId } = await registerDeveloper(suite.sql, {
      email: 'org@example.com',
      password: 'a long password',
      displayName: 'Org',
      organizationName: 'Old name',
    });
    const renamed = await setDeveloperOrganization(suite.sql, userId, 'New name');
    const again = await setDeveloperOrganization(suite.sql, userId, 'Newer name');
    expect(again.organizationId).toBe(renamed.organizationId);
    const [org] = await suite.sql.query<{ name: string }>(
      'SELECT name FROM organization WHERE id = $1::uuid',
      [renamed.organizationId],
    );
    expect(org?.name).toBe('Newer name');
  });
});
