import { randomUUID } from 'node:crypto';
import {
  acceptedSecretDigest,
  createAccessTokenResolver,
  hashClientSecret,
  OAuthClientStore,
} from '@openpas/auth-store';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import {
  approveApp,
  createApp,
  getDeveloperApp,
  launchPermission,
  listingBySlug,
  RegistryError,
  rejectApp,
  retireApp,
  reviewOf,
  reviewQueue,
  rotateAppSecret,
  searchCatalog,
  setEnablement,
  startReview,
  submitApp,
  suspendApp,
  updateApp,
} from '../src/index.ts';
import { backendApp, ehrApp, organization, user } from './fixtures.ts';

const FHIR = 'http://fhir.test/fhir';
const options = { production: false, authIssuer: 'http://auth.test' };
const targets = await testTargets();

async function refusal(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe.each(targets)('the app registry on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function people() {
    const sql = suite.sql;
    const vendor = await organization(sql, 'vendor', '雲端醫療科技 CloudMed');
    const developer = { userId: await user(sql, ['developer'], vendor), organizationId: vendor };
    const other = { userId: await user(sql, ['developer']), organizationId: null };
    const admin = { userId: await user(sql, ['admin'], null, 'Admin Lee') };
    const hospital = await organization(sql, 'hospital', '測試醫院');
    const clinician = await user(sql, ['clinician'], hospital);
    return { developer, other, admin, hospital, clinician };
  }

  /** A live token of the client, as the auth server stores it. */
  async function liveToken(clientId: string): Promise<string> {
    const id = randomUUID();
    await suite.sql.execute(
      `INSERT INTO oidc_payload (model, id, payload, expires_at) VALUES ('ClientCredentials', $1, $2::jsonb, now() + interval '5 minutes')`,
      [
        id,
        JSON.stringify({
          clientId,
          aud: FHIR,
          scope: 'system/Bundle.crs',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
      ],
    );
    return id;
  }

  it('registers an app as a draft with an approved sandbox client at once and a production client that waits', async () => {
    const { developer } = await people();
    const { input } = await backendApp();
    const { app, secrets } = await createApp(suite.sql, developer, input, options);
    expect(app).toMatchObject({ status: 'draft', listed: false, latestVersion: 1, liveVersion: null });
    expect(app.working).toMatchObject({ version: 1, status: 'draft' });
    expect(app.clients.map((c) => [c.environment, c.reviewStatus])).toEqual([
      ['sandbox', 'approved'],
      ['production', 'draft'],
    ]);
    expect(secrets).toEqual([]); // keys, no secret
    expect(app.sandboxLaunchUrl).toBeNull(); // a backend service is not launched
    expect(app.decisions.map((d) => d.action)).toEqual(['create']);
    const clients = new OAuthClientStore(suite.sql);
    const production = await clients.find(app.clients[1]?.clientId ?? '');
    expect(production?.metadata).toMatchObject({
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials'],
    });
  });

  it('takes a submission through review: approval lists it and activates the production client; suspension stops its live token at once', async () => {
    const { developer, admin } = await people();
    const { app } = await createApp(suite.sql, developer, (await backendApp('Bridge 審查')).input, options);
    const productionId = app.clients.find((c) => c.environment === 'production')?.clientId ?? '';
    await submitApp(suite.sql, developer, app.id, options);
    expect((await reviewQueue(suite.sql)).map((item) => item.appId)).toContain(app.id);
    expect((await new OAuthClientStore(suite.sql).find(productionId))?.reviewStatus).toBe('pending');

    await startReview(suite.sql, admin, app.id);
    const approved = await approveApp(suite.sql, admin, app.id, 'looks good', {
      certificationOverride: 'not certified in this test',
    });
    expect(approved.app).toMatchObject({ status: 'approved', listed: true, liveVersion: 1 });
    expect(approved.clients.every((c) => c.reviewStatus === 'approved')).toBe(true);
    expect(approved.decisions.map((d) => [d.action, d.actor?.id ?? null])).toEqual([
      ['approve', admin.userId],
      ['approve-override', admin.userId],
      ['start-review', admin.userId],
      ['submit', developer.userId],
      ['create', developer.userId],
    ]);

    const resolve = createAccessTokenResolver(suite.sql, FHIR);
    const token = await liveToken(productionId);
    await expect(resolve(token)).resolves.toMatchObject({ clientId: productionId });
    const suspended = await suspendApp(suite.sql, admin, app.id, 'incident 7');
    expect(suspended.app).toMatchObject({ status: 'suspended', listed: false });
    expect(suspended.decisions[0]).toMatchObject({ action: 'suspend', reason: 'incident 7' });
    await expect(resolve(token)).rejects.toMatchObject({ name: 'AccessTokenError' });
    expect((await new OAuthClientStore(suite.sql).find(productionId))?.reviewStatus).toBe('suspended');

    const reinstated = await approveApp(suite.sql, admin, app.id, 'fixed');
    expect(reinstated.app).toMatchObject({ status: 'approved', listed: true, liveVersion: 1 });
    await retireApp(suite.sql, admin, app.id, 'replaced');
    expect((await refusal(submitApp(suite.sql, developer, app.id, options))).code).toBe('conflict');
  });

  it('keeps the approved version working while a change to the live app waits in review, and shows the admin what changed', async () => {
    const { developer, admin } = await people();
    const { app } = await createApp(suite.sql, developer, ehrApp('Dose Checker'), options);
    await submitApp(suite.sql, developer, app.id, options);
    await approveApp(suite.sql, admin, app.id, null, { certificationOverride: 'not certified in this test' });
    const changed = await updateApp(
      suite.sql,
      developer,
      app.id,
      {
        ...ehrApp('Dose Checker'),
        summaryEn: 'Checks chemotherapy doses (v2).',
        scopes: 'openid fhirUser launch user/*.rs offline_access',
      },
      options,
    );
    expect(changed).toMatchObject({ status: 'approved', latestVersion: 2, liveVersion: 1 });
    expect(changed.working).toMatchObject({ version: 2, status: 'draft' });
    await submitApp(suite.sql, developer, app.id, options);
    expect(
      (await refusal(updateApp(suite.sql, developer, app.id, ehrApp('Dose Checker'), options))).code,
    ).toBe('conflict');
    const review = await reviewOf(suite.sql, app.id);
    expect(review.candidate.version).toBe(2);
    expect(review.live?.version).toBe(1);
    expect(review.changes).toEqual([
      {
        field: 'summaryEn',
        before: 'Checks chemotherapy doses against body surface area.',
        after: 'Checks chemotherapy doses (v2).',
      },
      {
        field: 'scopes',
        before: 'openid fhirUser launch user/*.rs',
        after: 'openid fhirUser launch user/*.rs offline_access',
      },
    ]);
    const [queued] = (await reviewQueue(suite.sql)).filter((item) => item.appId === app.id);
    expect(queued).toMatchObject({ version: 2, isUpdate: true, status: 'pending' });
    // The live version is still what the catalog and the production client show.
    const listing = await listingBySlug(suite.sql, app.slug);
    expect(listing.summaryEn).toBe('Checks chemotherapy doses against body surface area.');
    const production = app.clients.find((c) => c.environment === 'production')?.clientId ?? '';
    expect((await new OAuthClientStore(suite.sql).find(production))?.allowedScopes).toBe(
      'openid fhirUser launch user/*.rs',
    );

    const rejected = await rejectApp(suite.sql, admin, app.id, 'offline_access is not justified');
    expect(rejected.app.status).toBe('approved');
    expect(rejected.candidate.status).toBe('rejected');
    expect((await new OAuthClientStore(suite.sql).find(production))?.reviewStatus).toBe('approved');
    const detail = await getDeveloperApp(suite.sql, developer, app.id, options);
    expect(detail.decisions[0]).toMatchObject({
      action: 'reject',
      reason: 'offline_access is not justified',
    });
    expect(detail.live?.version).toBe(1);
  });

  it('answers NOT_FOUND for another developer’s app and refuses steps the state does not allow', async () => {
    const { developer, other, admin } = await people();
    const { app } = await createApp(suite.sql, developer, ehrApp(), options);
    expect((await refusal(getDeveloperApp(suite.sql, other, app.id, options))).code).toBe('not-found');
    expect((await refusal(submitApp(suite.sql, other, app.id, options))).code).toBe('not-found');
    expect((await refusal(approveApp(suite.sql, admin, app.id))).code).toBe('conflict');
    expect((await refusal(suspendApp(suite.sql, admin, app.id, 'x'))).code).toBe('conflict');
    const kind = await refusal(
      updateApp(suite.sql, developer, app.id, { ...ehrApp(), clientKind: 'public' }, options),
    );
    expect(kind.fieldErrors.clientKind?.[0]).toMatch(/stays confidential-secret/);
  });

  it('reports registration problems per field: redirect URIs, scopes, a pasted JWKS with a private key', async () => {
    const { developer } = await people();
    const { privateJwk, input } = await backendApp();
    const error = await refusal(
      createApp(
        suite.sql,
        developer,
        { ...input, jwks: JSON.stringify({ keys: [privateJwk] }), scopes: 'system/Bundle.crsud' },
        options,
      ),
    );
    expect(error.code).toBe('invalid');
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['jwks', 'scopes']);
    const ehr = await refusal(
      createApp(
        suite.sql,
        developer,
        { ...ehrApp(), redirectUris: ['http://chemo.example/cb', 'https://x.example/a#b'] },
        options,
      ),
    );
    expect(ehr.fieldErrors.redirectUris).toHaveLength(2);
    const unreachable = await refusal(
      createApp(
        suite.sql,
        developer,
        { ...input, jwks: '', jwksUrl: 'https://127.0.0.1:9/jwks.json' },
        options,
      ),
    );
    expect(unreachable.fieldErrors.jwksUrl?.[0]).toMatch(/could not be fetched/);
  });

  it('shows a client secret once and accepts the previous one during the grace period only', async () => {
    const { developer } = await people();
    const { app, secrets } = await createApp(suite.sql, developer, ehrApp(), options);
    expect(secrets.map((s) => s.clientId).sort()).toEqual(app.clients.map((c) => c.clientId).sort());
    const sandbox = secrets.find((s) => s.clientId.startsWith('sandbox-'));
    if (!sandbox) throw new Error('no sandbox secret');
    const rotated = await rotateAppSecret(suite.sql, developer, {
      appId: app.id,
      environment: 'sandbox',
      graceSeconds: 3600,
    });
    expect(rotated.clientId).toBe(sandbox.clientId);
    expect(rotated.clientSecret).not.toBe(sandbox.clientSecret);
    expect(Date.parse(rotated.previousSecretValidUntil ?? '')).toBeGreaterThan(Date.now() + 3500_000);
    const current = hashClientSecret(rotated.clientSecret);
    const clients = new OAuthClientStore(suite.sql);
    expect(
      acceptedSecretDigest(await clients.find(sandbox.clientId), hashClientSecret(sandbox.clientSecret)),
    ).toBe(current);
    expect(acceptedSecretDigest(await clients.find(sandbox.clientId), hashClientSecret('guess'))).toBe(
      hashClientSecret('guess'),
    );
    const again = await rotateAppSecret(suite.sql, developer, {
      appId: app.id,
      environment: 'sandbox',
      graceSeconds: 0,
    });
    expect(again.previousSecretValidUntil).toBeNull();
    const old = hashClientSecret(rotated.clientSecret);
    expect(acceptedSecretDigest(await clients.find(sandbox.clientId), old)).toBe(old); // refused: compared as itself
  });

  it('lets a hospital admin enable a listed app; the clinician’s launch of the production client is refused until then', async () => {
    const { developer, admin, hospital, clinician } = await people();
    const { app } = await createApp(suite.sql, developer, ehrApp('Enable Me'), options);
    await submitApp(suite.sql, developer, app.id, options);
    await approveApp(suite.sql, admin, app.id, null, { certificationOverride: 'not certified in this test' });
    const [sandboxClient, productionClient] = app.clients.map((c) => c.clientId) as [string, string];
    expect(await launchPermission(suite.sql, productionClient, clinician)).toEqual({
      allowed: false,
      appName: 'Enable Me',
      organizationName: '測試醫院',
    });
    expect(await launchPermission(suite.sql, sandboxClient, clinician)).toEqual({ allowed: true });
    const hospitalAdmin = {
      userId: await user(suite.sql, ['hospital_admin'], hospital),
      organizationId: hospital,
    };
    const enabled = await setEnablement(suite.sql, hospitalAdmin, app.id, true);
    expect(enabled).toMatchObject({ appId: app.id, enabled: true });
    expect(await launchPermission(suite.sql, productionClient, clinician)).toEqual({ allowed: true });
    await setEnablement(suite.sql, hospitalAdmin, app.id, false);
    expect((await launchPermission(suite.sql, productionClient, clinician)).allowed).toBe(false);
    const draft = await createApp(suite.sql, developer, ehrApp('Not listed'), options);
    expect((await refusal(setEnablement(suite.sql, hospitalAdmin, draft.app.id, true))).code).toBe(
      'not-found',
    );
  });

  it('finds listed apps by a Chinese or an English word, best match first, with filters and pages', async () => {
    const { developer, admin } = await people();
    const tag = randomUUID().slice(0, 6);
    const names = [`Alpha ${tag}`, `Beta ${tag}`, `Gamma ${tag}`];
    for (const [index, name] of names.entries()) {
      const { input } = await backendApp(name);
      const { app } = await createApp(
        suite.sql,
        developer,
        index === 2
          ? { ...input, descriptionEn: `Mentions alpha ${tag} once.`, specialties: ['hematology'] }
          : input,
        options,
      );
      await submitApp(suite.sql, developer, app.id, options);
      await approveApp(suite.sql, admin, app.id, null, {
        certificationOverride: 'not certified in this test',
      });
    }
    const draft = await createApp(suite.sql, developer, (await backendApp(`Delta ${tag}`)).input, options);
    expect(draft.app.listed).toBe(false);

    const english = await searchCatalog(suite.sql, { q: `ALPHA ${tag}` });
    expect(english.items.map((item) => item.name)).toEqual([`Alpha ${tag}`, `Gamma ${tag}`]);
    const fullWidth = await searchCatalog(suite.sql, { q: `ＡＬＰＨＡ ${tag}` }); // NFKC: full-width letters
    expect(fullWidth.items.map((item) => item.name)).toEqual([`Alpha ${tag}`, `Gamma ${tag}`]);
    const chinese = await searchCatalog(suite.sql, { q: `免疫製劑 ${tag}` });
    expect(chinese.total).toBe(3);
    expect(
      (await searchCatalog(suite.sql, { q: `標靶藥物 ${tag}`, specialty: 'hematology' })).items.map(
        (i) => i.name,
      ),
    ).toEqual([`Gamma ${tag}`]);
    expect((await searchCatalog(suite.sql, { q: `心臟 ${tag}` })).total).toBe(0);
    const page2 = await searchCatalog(suite.sql, { q: tag, page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(1);
    expect((await searchCatalog(suite.sql, { q: tag, launchType: 'clinician-ehr' })).total).toBe(0);
  });
});
