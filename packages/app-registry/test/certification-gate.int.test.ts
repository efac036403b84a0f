import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import {
  approveApp,
  type CertificationCheckView,
  claimCertification,
  createApp,
  developerCertifications,
  failAbandonedRuns,
  finishCertification,
  RegistryError,
  requestCertification,
  reviewOf,
  submitApp,
} from '../src/index.ts';
import { backendApp, organization, user } from './fixtures.ts';

const options = { production: false, authIssuer: 'http://auth.test' };
const targets = await testTargets();

const passed: CertificationCheckView = {
  id: 'jwks-keys',
  passed: true,
  evidence: { code: 'keysFine', values: { count: 1 } },
};
const failed: CertificationCheckView = {
  id: 'jwks-keys',
  passed: false,
  evidence: { code: 'keyWithoutKid', values: { index: 1 } },
};

describe.each(targets)('certification runs and the approval rule on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function submitted() {
    const vendor = await organization(suite.sql, 'vendor', 'Gate vendor');
    const developer = { userId: await user(suite.sql, ['developer'], vendor), organizationId: vendor };
    const admin = { userId: await user(suite.sql, ['admin'], null, 'Admin Gate') };
    const { app } = await createApp(suite.sql, developer, (await backendApp('Gate 認證')).input, options);
    await submitApp(suite.sql, developer, app.id, options);
    return { developer, admin, appId: app.id };
  }

  async function certifiedAs(
    developer: Parameters<typeof requestCertification>[1],
    appId: string,
    checks: CertificationCheckView[],
  ) {
    const run = await requestCertification(suite.sql, developer, appId);
    const subject = await claimCertification(suite.sql, run.id);
    expect(subject).toMatchObject({ appId, version: 1 });
    expect(subject?.sandboxClientId).toMatch(/^sandbox-/);
    await finishCertification(suite.sql, run.id, checks);
    return run.id;
  }

  it('refuses to approve a version without a certification unless an override reason is given, and records it', async () => {
    const { admin, appId } = await submitted();
    const refused = await approveApp(suite.sql, admin, appId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).fieldErrors.certificationOverride).toHaveLength(1);
    const blank = await approveApp(suite.sql, admin, appId, null, { certificationOverride: '  ' }).catch(
      (error: unknown) => error,
    );
    expect(blank).toBeInstanceOf(RegistryError);
    const approved = await approveApp(suite.sql, admin, appId, null, {
      certificationOverride: 'pilot hospital',
    });
    expect(approved.app.status).toBe('approved');
    expect(approved.decisions.slice(0, 2).map((d) => [d.action, d.reason])).toEqual([
      ['approve', null],
      ['approve-override', 'no certification: pilot hospital'],
    ]);
  });

  it('refuses a version whose newest report failed, and approves one whose newest report passed without override', async () => {
    const first = await submitted();
    await certifiedAs(first.developer, first.appId, [failed]);
    expect((await reviewOf(suite.sql, first.appId)).certification).toMatchObject({
      status: 'failed',
      checks: [failed],
    });
    const refused = await approveApp(suite.sql, first.admin, first.appId).catch((error: unknown) => error);
    expect((refused as RegistryError).message).toContain('is failed');
    const overridden = await approveApp(suite.sql, first.admin, first.appId, null, {
      certificationOverride: 'kid fixed, verified by hand',
    });
    expect(overridden.decisions[1]).toMatchObject({
      action: 'approve-override',
      reason: 'certification failed: kid fixed, verified by hand',
    });

    const second = await submitted();
    await certifiedAs(second.developer, second.appId, [failed]);
    await certifiedAs(second.developer, second.appId, [passed]);
    const approved = await approveApp(suite.sql, second.admin, second.appId);
    expect(approved.certification?.status).toBe('passed');
    expect(approved.decisions.map((d) => d.action)).not.toContain('approve-override');
  });

  it('allows one unfinished run per app, shows runs only to their developer, and fails a run whose process died', async () => {
    const { developer, appId } = await submitted();
    const run = await requestCertification(suite.sql, developer, appId);
    await expect(requestCertification(suite.sql, developer, appId)).rejects.toMatchObject({
      code: 'conflict',
    });
    const stranger = { userId: await user(suite.sql, ['developer']), organizationId: null };
    await expect(developerCertifications(suite.sql, stranger, appId)).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await claimCertification(suite.sql, run.id)).not.toBeNull();
    expect(await claimCertification(suite.sql, run.id)).toBeNull(); // one instance wins
    await suite.sql.execute(
      `UPDATE certification_run SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1::uuid`,
      [run.id],
    );
    expect(await failAbandonedRuns(suite.sql)).toBeGreaterThanOrEqual(1);
    const [latest] = await developerCertifications(suite.sql, developer, appId);
    expect(latest).toMatchObject({ id: run.id, status: 'failed', progress: 'abandoned' });
  });
});
