import { randomUUID } from 'node:crypto';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { generateKeyPair } from '@openpas/jwt';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '../src/root.ts';
import type { ApiServices } from '../src/services.ts';
import { createTRPCContext, type SessionUser } from '../src/trpc.ts';

// Every procedure, called through tRPC's server-side caller on the real database: signed out →
// UNAUTHORIZED, the wrong role → FORBIDDEN, another developer's app → NOT_FOUND, bad input → BAD_REQUEST
// with field errors. The table must name every procedure of the router.

type Kind = 'public' | 'developer' | 'admin' | 'hospital_admin' | 'reviewer';
type Ids = { app: string; listedApp: string; listedSlug: string };

interface Row {
  kind: Kind;
  /** A valid input (for the caller's own app where there is one) */
  input: (ids: Ids) => unknown;
  /** An input zod refuses, and a field it names */
  bad?: { input: unknown | ((ids: Ids) => unknown); field: string };
  /** Whether the input names the caller's app (then another developer gets NOT_FOUND) */
  ownApp?: boolean;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d605a00000000049454e44ae426082',
  'hex',
);

function ehrInput(name: string) {
  return {
    name,
    summaryEn: 'Checks doses.',
    descriptionEn: 'Checks chemotherapy doses.',
    summaryZh: '檢查劑量。',
    launchTypes: ['clinician-ehr'],
    clientKind: 'confidential-secret',
    redirectUris: ['https://dose.example/cb'],
    launchUrl: 'https://dose.example/launch',
    scopes: 'openid fhirUser launch user/*.rs',
    userTypes: ['clinician'],
  };
}

const TABLE: Record<string, Row> = {
  'account.me': { kind: 'public', input: () => undefined },
  'account.signUp': {
    kind: 'public',
    input: () => ({
      email: `dev-${randomUUID()}@example.com`,
      password: 'long enough pw',
      displayName: 'D',
      organizationName: 'O',
    }),
    bad: {
      input: { email: 'not-an-email', password: 'short', displayName: '', organizationName: 'O' },
      field: 'email',
    },
  },
  'account.verifyEmail': {
    kind: 'public',
    input: () => ({ token: 'unknown-token' }),
    bad: { input: { token: '' }, field: 'token' },
  },
  'account.updateOrganization': {
    kind: 'developer',
    input: () => ({ organizationName: '新公司 NewCo' }),
    bad: { input: { organizationName: '' }, field: 'organizationName' },
  },
  'catalog.search': {
    kind: 'public',
    input: () => ({ q: '劑量' }),
    bad: { input: { pageSize: 500 }, field: 'pageSize' },
  },
  'catalog.listing': {
    kind: 'public',
    input: (ids) => ({ slug: ids.listedSlug }),
    bad: { input: { slug: '' }, field: 'slug' },
  },
  'catalog.facets': { kind: 'public', input: () => undefined },
  'catalog.describeScopes': {
    kind: 'public',
    input: () => ({ scopes: 'openid user/Patient.rs' }),
    bad: { input: { scopes: 'user/Patient.xyz' }, field: 'scopes' },
  },
  'developerApps.list': { kind: 'developer', input: () => undefined },
  'developerApps.get': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app }),
    ownApp: true,
    bad: { input: { appId: 'x' }, field: 'appId' },
  },
  'developerApps.create': {
    kind: 'developer',
    input: () => ehrInput(`Created ${randomUUID().slice(0, 6)}`),
    bad: {
      input: { ...ehrInput('Bad redirect'), redirectUris: ['http://evil.example/cb'] },
      field: 'redirectUris',
    },
  },
  'developerApps.update': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app, details: ehrInput('Updated') }),
    ownApp: true,
    bad: { input: { appId: randomUUID(), details: { ...ehrInput('x'), launchTypes: [] } }, field: 'details' },
  },
  'developerApps.certify': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app }),
    ownApp: true,
    bad: { input: { appId: 'x' }, field: 'appId' },
  },
  'developerApps.certifications': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app }),
    ownApp: true,
    bad: { input: {}, field: 'appId' },
  },
  'developerApps.submit': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app }),
    ownApp: true,
    bad: { input: {}, field: 'appId' },
  },
  'developerApps.rotateSecret': {
    kind: 'developer',
    input: (ids) => ({ appId: ids.app, environment: 'sandbox' }),
    ownApp: true,
    bad: { input: { appId: randomUUID(), environment: 'staging' }, field: 'environment' },
  },
  'developerApps.upload': {
    kind: 'developer',
    input: (ids) => ({
      appId: ids.app,
      kind: 'logo',
      fileName: 'logo.png',
      dataBase64: PNG.toString('base64'),
    }),
    ownApp: true,
    bad: {
      input: (ids: Ids) => ({
        appId: ids.app,
        kind: 'logo',
        fileName: 'logo.svg',
        dataBase64: Buffer.from('<svg><script>alert(1)</script></svg>').toString('base64'),
      }),
      field: 'dataBase64',
    },
  },
  'developerApps.claimRegistration': {
    kind: 'developer',
    input: () => ({ clientId: 'no-such-client', registrationAccessToken: 'nope' }),
    bad: { input: { clientId: '', registrationAccessToken: 'x' }, field: 'clientId' },
  },
  'adminReview.queue': {
    kind: 'admin',
    input: () => ({}),
    bad: { input: { status: 'lost' }, field: 'status' },
  },
  'adminReview.get': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.app }),
    bad: { input: { appId: 'x' }, field: 'appId' },
  },
  'adminReview.startReview': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.app }),
    bad: { input: { appId: 1 }, field: 'appId' },
  },
  'adminReview.approve': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.app }),
    bad: { input: { appId: 'x' }, field: 'appId' },
  },
  'adminReview.reject': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.app, reason: 'no' }),
    bad: { input: { appId: randomUUID(), reason: '  ' }, field: 'reason' },
  },
  'adminReview.suspend': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.listedApp, reason: 'incident' }),
    bad: { input: { appId: randomUUID() }, field: 'reason' },
  },
  'adminReview.retire': {
    kind: 'admin',
    input: (ids) => ({ appId: ids.app, reason: 'gone' }),
    bad: { input: { appId: randomUUID(), reason: '' }, field: 'reason' },
  },
  'adminReview.registrations': { kind: 'admin', input: () => undefined },
  'adminReview.decideClient': {
    kind: 'admin',
    input: () => ({ clientId: 'dyn-registration', decision: 'approve' }),
    bad: { input: { clientId: 'dyn-registration', decision: 'reject' }, field: 'reason' },
  },
  'hospital.list': { kind: 'hospital_admin', input: () => ({ q: '' }), bad: { input: { q: 5 }, field: 'q' } },
  'hospital.setEnabled': {
    kind: 'hospital_admin',
    input: (ids) => ({ appId: ids.listedApp, enabled: true }),
    bad: { input: { appId: randomUUID(), enabled: 'yes' }, field: 'enabled' },
  },
  // The reviewer's workbench reaches the FHIR API with the reviewer's token: its answers and input errors
  // are shown by the portal's e2e (apps/portal/e2e/review.int.test.ts) against the real servers.
  'review.queue': { kind: 'reviewer', input: () => ({}) },
  'review.filterChoices': { kind: 'reviewer', input: () => undefined },
  'review.metrics': { kind: 'reviewer', input: () => ({}) },
  'review.case': { kind: 'reviewer', input: () => ({ id: 'case-1' }) },
  'review.decide': {
    kind: 'reviewer',
    input: () => ({ id: 'case-1', version: '1', items: [{ sequence: 1, reason: 1 }] }),
  },
};

const targets = await testTargets();

async function caught(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function call(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  const [area, name] = path.split('.') as [string, string];
  const procedure = (
    caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>
  )[area]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure(input);
}

describe('the procedure table', () => {
  it('names every procedure of the router, and only those', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(TABLE).sort());
  });
});

describe.each(targets)('tRPC authorization on $name', (target) => {
  const suite = openTargetForSuite(target);
  const logs: Record<string, unknown>[] = [];
  const people = {} as Record<'developer' | 'other' | 'admin' | 'hospitalAdmin' | 'clinician', SessionUser>;
  const ids = {} as Ids;

  const services = (): ApiServices => ({
    sql: suite.sql,
    logger: { info: (object) => logs.push(object), warn: (object) => logs.push(object) },
    portalUrl: 'http://portal.test',
    authIssuer: 'http://auth.test',
    sandbox: true,
    production: false,
  });
  const as = (user: SessionUser | null) =>
    createCaller(createTRPCContext({ services: services(), session: user }));

  async function person(
    roles: string[],
    organizationKind: 'hospital' | 'vendor' | null,
  ): Promise<SessionUser> {
    const id = randomUUID();
    let organizationId: string | null = null;
    if (organizationKind) {
      organizationId = randomUUID();
      await suite.sql.execute(
        `INSERT INTO organization (id, kind, nhi_code, name, updated_at) VALUES ($1::uuid, $2::organization_kind, $3, $4, now())`,
        [organizationId, organizationKind, `t-${organizationId}`, `${organizationKind} org`],
      );
    }
    await suite.sql.execute(
      `INSERT INTO app_user (id, username, display_name, password_hash, roles, organization_id, updated_at)
       VALUES ($1::uuid, $2, $3, 'x', $4::text[]::role[], $5::uuid, now())`,
      [id, `u-${id}`, roles.join(' '), roles, organizationId],
    );
    return {
      id,
      username: `u-${id}`,
      displayName: roles.join(' '),
      email: null,
      roles,
      organizationId,
      organizationName: null,
    };
  }

  beforeAll(async () => {
    people.developer = await person(['developer'], 'vendor');
    people.other = await person(['developer'], null);
    people.admin = await person(['admin'], null);
    people.hospitalAdmin = await person(['hospital_admin'], 'hospital');
    people.clinician = await person(['clinician'], 'hospital');
    const dev = as(people.developer);
    const admin = as(people.admin);
    ids.app = (await dev.developerApps.create(ehrInput('Draft app') as never)).app.id;
    const listed = (await dev.developerApps.create(ehrInput('Listed 劑量 app') as never)).app;
    await dev.developerApps.submit({ appId: listed.id });
    await admin.adminReview.approve({
      appId: listed.id,
      certificationOverride: 'not certified in this test',
    });
    ids.listedApp = listed.id;
    await suite.sql.execute(
      `INSERT INTO oauth_client (client_id, metadata, allowed_scopes, review_status, updated_at)
       VALUES ('dyn-registration', '{"client_name":"Dyn","grant_types":["client_credentials"]}'::jsonb, 'system/ClaimResponse.rs', 'pending', now())`,
    );
    ids.listedSlug = listed.slug;
  });

  const wrongRole: Record<Exclude<Kind, 'public'>, keyof typeof people> = {
    developer: 'clinician',
    admin: 'developer',
    hospital_admin: 'admin',
    reviewer: 'developer',
  };

  for (const [path, row] of Object.entries(TABLE)) {
    if (row.kind !== 'public') {
      it(`${path}: signed out → UNAUTHORIZED, wrong role → FORBIDDEN`, async () => {
        expect((await caught(call(as(null), path, row.input(ids)))).code).toBe('UNAUTHORIZED');
        const wrong = people[wrongRole[row.kind as Exclude<Kind, 'public'>]];
        expect((await caught(call(as(wrong), path, row.input(ids)))).code).toBe('FORBIDDEN');
      });
    }
    if (row.ownApp) {
      it(`${path}: another developer's app → NOT_FOUND`, async () => {
        expect((await caught(call(as(people.other), path, row.input(ids)))).code).toBe('NOT_FOUND');
      });
    }
    if (row.bad) {
      const bad = row.bad;
      it(`${path}: bad input → BAD_REQUEST naming ${bad.field}`, async () => {
        const user =
          row.kind === 'public'
            ? null
            : row.kind === 'developer'
              ? people.developer
              : row.kind === 'admin'
                ? people.admin
                : people.hospitalAdmin;
        const input = typeof bad.input === 'function' ? (bad.input as (ids: Ids) => unknown)(ids) : bad.input;
        const error = await caught(call(as(user), path, input));
        expect(error.code).toBe('BAD_REQUEST');
        const shape = appRouter._def._config.errorFormatter({
          shape: { message: error.message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } },
          error,
          type: 'mutation',
          path,
          input,
          ctx: undefined,
        } as never) as { data: { fieldErrors: Record<string, string[]> | null } };
        expect(Object.keys(shape.data.fieldErrors ?? {})).toContain(bad.field);
      });
    }
  }

  it('lets the right person call each procedure', async () => {
    const dev = as(people.developer);
    expect(await as(null).account.me()).toBeNull();
    expect((await dev.account.me())?.id).toBe(people.developer.id);
    expect((await dev.developerApps.list()).map((app) => app.id)).toEqual(
      expect.arrayContaining([ids.app, ids.listedApp]),
    );
    expect((await as(null).catalog.listing({ slug: ids.listedSlug })).appId).toBe(ids.listedApp);
    expect((await as(null).catalog.search({ q: '劑量' })).items.map((item) => item.appId)).toContain(
      ids.listedApp,
    );
    expect(
      (await as(people.hospitalAdmin).hospital.setEnabled({ appId: ids.listedApp, enabled: true })).enabled,
    ).toBe(true);
    expect((await as(people.admin).adminReview.get({ appId: ids.app })).candidate.version).toBe(1);
    const signUp = await as(null).account.signUp({
      email: `New.Dev+${randomUUID().slice(0, 4)}@Example.com`,
      password: 'correct horse battery',
      displayName: 'New Dev',
      organizationName: 'NewCo',
    });
    const link = logs.find((entry) => entry.userId === signUp.userId)?.verificationLink;
    expect(String(link)).toMatch(/^http:\/\/portal\.test\/verify\?token=/);
    const token = new URL(String(link)).searchParams.get('token') ?? '';
    expect(await as(null).account.verifyEmail({ token })).toEqual({ result: 'verified' });
    expect(await as(null).account.verifyEmail({ token })).toEqual({ result: 'unknown' });
    expect(logs).toContainEqual({
      event: 'portal-action',
      procedure: 'account.signUp',
      userId: null,
      ok: true,
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        procedure: 'hospital.setEnabled',
        userId: people.hospitalAdmin.id,
        ok: true,
      }),
    );
    expect(JSON.stringify(logs)).not.toContain('correct horse battery');
  });

  it('lets the admin decide a waiting RFC 7591 registration, but never an app’s client that way', async () => {
    const admin = as(people.admin);
    expect((await admin.adminReview.registrations()).map((r) => r.clientId)).toContain('dyn-registration');
    const app = await as(people.developer).developerApps.get({ appId: ids.app });
    const appClient = app.clients[0]?.clientId ?? '';
    expect(
      (await caught(admin.adminReview.decideClient({ clientId: appClient, decision: 'approve' }))).code,
    ).toBe('CONFLICT');
    expect(
      (await caught(admin.adminReview.decideClient({ clientId: 'nobody', decision: 'approve' }))).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a hospital admin of no hospital', async () => {
    const orphan = await person(['hospital_admin'], null);
    expect((await caught(as(orphan).hospital.list({ q: '' }))).code).toBe('FORBIDDEN');
  });

  it('refuses a second sign-up with the same email as a field error', async () => {
    const email = `twice-${randomUUID().slice(0, 6)}@example.com`;
    const input = { email, password: 'long enough pw', displayName: 'D', organizationName: 'O' };
    await as(null).account.signUp(input);
    const error = await caught(as(null).account.signUp({ ...input, email: email.toUpperCase() }));
    expect(error.code).toBe('CONFLICT');
  });

  it('keeps a backend service with a pasted JWKS usable: created, submitted, approved', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const dev = as(people.developer);
    const { app } = await dev.developerApps.create({
      name: 'Keys app',
      summaryEn: 's',
      descriptionEn: 'd',
      launchTypes: ['backend-service'],
      clientKind: 'confidential-jwks',
      jwks: JSON.stringify({ keys: [publicJwk] }),
      scopes: 'system/ClaimResponse.rs',
      userTypes: ['hospital-staff'],
    } as never);
    await dev.developerApps.submit({ appId: app.id });
    const review = await as(people.admin).adminReview.approve({
      appId: app.id,
      certificationOverride: 'not certified in this test',
    });
    expect(review.app.status).toBe('approved');
  });
});
