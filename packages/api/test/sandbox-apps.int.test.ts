import { readSeedConfig, seedAccounts, seedOrganizations } from '@openpas/db/seed';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../src/root.ts';
import { createTRPCContext, type SessionUser } from '../src/trpc.ts';

// The sandbox's seeded apps pass the procedures' output checks: the developer sees one listed app and one
// draft, the catalog lists the first, the hospital admin of hospital A finds it enabled.

const targets = await testTargets();

describe.each(targets)('the sandbox apps through the API on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function session(username: string): Promise<SessionUser> {
    const [row] = await suite.sql.query<{ id: string; roles: string; organization_id: string | null }>(
      `SELECT id::text AS id, array_to_json(roles)::text AS roles, organization_id::text AS organization_id
       FROM app_user WHERE username = $1`,
      [username],
    );
    if (!row) throw new Error(`no ${username}`);
    return {
      id: row.id,
      username,
      displayName: username,
      email: null,
      roles: JSON.parse(row.roles) as string[],
      organizationId: row.organization_id,
      organizationName: null,
    };
  }

  it('shows the developer one listed app and one draft, each readable in full', async () => {
    const orgs = await seedOrganizations(suite.db.prisma);
    await seedAccounts(
      suite.db.prisma,
      orgs,
      { clinician: 'Practitioner/c', patient: 'Patient/p' },
      readSeedConfig({}),
    );
    const services = {
      sql: suite.sql,
      logger: { info: () => {}, warn: () => {} },
      portalUrl: 'http://portal.test',
      authIssuer: 'http://auth.test',
      sandbox: true,
      production: false,
    };
    const as = async (username: string) =>
      createCaller(createTRPCContext({ services, session: await session(username) }));
    const developer = await as('developer');
    const apps = await developer.developerApps.list();
    expect(apps.map((app) => [app.slug, app.status, app.listed]).sort()).toEqual([
      ['openpas-launch', 'approved', true],
      ['pa-status-board', 'draft', false],
    ]);
    for (const app of apps) {
      expect((await developer.developerApps.get({ appId: app.id })).working.version).toBe(1);
      expect((await (await as('admin')).adminReview.get({ appId: app.id })).app.id).toBe(app.id);
    }
    const listing = await developer.catalog.listing({ slug: 'openpas-launch' });
    expect(listing.summaryZh).toContain('事前審查');
    expect((await developer.catalog.search({ q: '事前審查' })).items.map((item) => item.slug)).toEqual([
      'openpas-launch',
    ]);
    const enabled = await (await as('hospital-admin')).hospital.list({ q: '' });
    expect(enabled.map((app) => [app.slug, app.enabled])).toEqual([['openpas-launch', true]]);
  });
});
