import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenError, createAccessTokenResolver } from './access-tokens.ts';
import { OidcPayloadStore } from './oidc-payloads.ts';

const targets = await testTargets();
const AUDIENCE = 'https://fhir.example/fhir';
const now = () => Math.floor(Date.now() / 1000);

describe.each(targets)('resolving access tokens on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let payloads: OidcPayloadStore;
  let resolve: (token: string) => Promise<unknown>;
  let hospitalId: string;
  let userId: string;

  async function issue(model: string, id: string, payload: Record<string, unknown>, grantId?: string) {
    await payloads.write({
      model,
      id,
      payload: { exp: now() + 300, aud: AUDIENCE, ...payload },
      grantId: grantId ?? null,
      uid: null,
      userCode: null,
      expiresAt: new Date(Date.now() + 300_000),
    });
  }

  async function refusal(token: string): Promise<string> {
    const error = await resolve(token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessTokenError);
    return (error as AccessTokenError).reason;
  }

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
    payloads = new OidcPayloadStore(sql);
    resolve = createAccessTokenResolver(sql, AUDIENCE);
    const hospital = await db.prisma.organization.create({
      data: { kind: 'hospital', nhiCode: '0101090517', name: 'Hospital A' },
    });
    hospitalId = hospital.id;
    const user = await db.prisma.user.create({
      data: {
        username: 'clinician',
        displayName: 'Dr. A',
        passwordHash: 'x',
        roles: ['clinician'],
        organizationId: hospital.id,
        fhirUser: 'Practitioner/pr-1',
      },
    });
    userId = user.id;
    for (const [clientId, reviewStatus] of [
      ['backend', 'approved'],
      ['app', 'approved'],
      ['suspended-app', 'suspended'],
    ] as const) {
      await db.prisma.oAuthClient.create({
        data: { clientId, reviewStatus, allowedScopes: '', metadata: {}, organizationId: hospital.id },
      });
    }
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it("resolves a system token to its client, scopes and the client's organisation", async () => {
    await issue('ClientCredentials', 'cc-1', { clientId: 'backend', scope: 'system/Bundle.crs' });
    expect(await resolve('cc-1')).toEqual({
      clientId: 'backend',
      scopeText: 'system/Bundle.crs',
      scopes: [expect.objectContaining({ kind: 'resource' })],
      userRoles: [],
      clientOrganization: { id: hospitalId, kind: 'hospital', nhiCode: '0101090517' },
    });
  });

  it('resolves a user token with its user, roles, patient and fhirUser while its grant lives', async () => {
    await issue('Grant', 'grant-1', { clientId: 'app', accountId: userId }, 'grant-1');
    await issue(
      'AccessToken',
      'at-1',
      { clientId: 'app', accountId: userId, scope: 'launch patient/Claim.rs', extra: { patient: 'pat-1' } },
      'grant-1',
    );
    expect(await resolve('at-1')).toMatchObject({
      clientId: 'app',
      userId,
      userRoles: ['clinician'],
      patient: 'pat-1',
      fhirUser: 'Practitioner/pr-1',
      userOrganization: { id: hospitalId, kind: 'hospital', nhiCode: '0101090517' },
    });
    await payloads.revokeGrant('grant-1');
    expect(await refusal('at-1')).toBe('invalid');
  });

  it('refuses a token whose grant is gone though the token row is left', async () => {
    await issue('AccessToken', 'at-orphan', { clientId: 'app', accountId: userId }, 'grant-gone');
    expect(await refusal('at-orphan')).toBe('revoked');
  });

  it('refuses unknown, expired, overlong and foreign-audience tokens', async () => {
    expect(await refusal('never-issued')).toBe('invalid');
    expect(await refusal('x'.repeat(600))).toBe('invalid');
    await issue('ClientCredentials', 'cc-expired', { clientId: 'backend', exp: now() - 1 });
    expect(await refusal('cc-expired')).toBe('invalid');
    await issue('ClientCredentials', 'cc-other', { clientId: 'backend', aud: 'https://other.example/fhir' });
    expect(await refusal('cc-other')).toBe('wrong-audience');
  });

  it('refuses the tokens of a client no longer approved and of a disabled user', async () => {
    await issue('ClientCredentials', 'cc-suspended', { clientId: 'suspended-app' });
    expect(await refusal('cc-suspended')).toBe('client-not-approved');
    await issue('Grant', 'grant-2', { clientId: 'app', accountId: userId }, 'grant-2');
    await issue('AccessToken', 'at-2', { clientId: 'app', accountId: userId }, 'grant-2');
    await db.prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await refusal('at-2')).toBe('user-disabled');
    await db.prisma.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });

  it('resolves 30 tokens presented at once, each to its own context', async () => {
    for (let i = 0; i < 30; i += 1)
      await issue('ClientCredentials', `cc-many-${i}`, { clientId: 'backend', scope: `s${i}` });
    const contexts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => resolve(`cc-many-${i}`) as Promise<{ scopeText: string }>),
    );
    expect(contexts.map((context) => context.scopeText)).toEqual(
      Array.from({ length: 30 }, (_, i) => `s${i}`),
    );
  });
});
