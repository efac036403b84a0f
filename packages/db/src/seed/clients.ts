import { createHash } from 'node:crypto';
import { SANDBOX_PORTAL_CLIENT_SECRET, type SeedConfig } from '../env.ts';
import type { Prisma, PrismaClient, ReviewStatus } from '../generated/prisma/client.ts';
import type { OrganizationIds } from './organizations.ts';
import { sandboxPublicJwks } from './sandbox-keys.ts';
import type { UserIds } from './users.ts';

const BACKEND_SCOPES = 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs';
const LAUNCH_SCOPES = [
  'openid fhirUser profile launch launch/patient launch/encounter offline_access online_access',
  'patient/*.rs user/*.rs user/Bundle.c user/Claim.c patient/Bundle.c',
].join(' ');

export interface SandboxClient {
  clientId: string;
  organization: keyof OrganizationIds | null;
  allowedScopes: string;
  metadata: Prisma.InputJsonObject;
  secretHash?: string;
  /** A backend client's private key, committed in sandbox/ (public on purpose) */
  keyFile?: string;
}

/** The digest the auth server keeps of a client secret (@openpas/auth-store's hashClientSecret, same format). */
export function clientSecretDigest(secret: string): string {
  return `sha256$${createHash('sha256').update(secret).digest('base64url')}`;
}

function backendClient(
  clientId: string,
  organization: keyof OrganizationIds,
  keyFile: string,
  name: string,
): SandboxClient {
  return {
    clientId,
    organization,
    keyFile,
    allowedScopes: BACKEND_SCOPES,
    metadata: {
      client_name: name,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES384',
      jwks: sandboxPublicJwks(keyFile) as unknown as Prisma.InputJsonObject,
    },
  };
}

export function sandboxClients(config: SeedConfig): SandboxClient[] {
  const launch = config.LAUNCH_URL.replace(/\/+$/, '');
  return [
    backendClient(
      'sandbox-hospital-backend',
      'hospitalA',
      'hospital-backend.private.jwk.json',
      '臺北市立聯合醫院 HIS',
    ),
    backendClient(
      'sandbox-hospital-b-backend',
      'hospitalB',
      'hospital-b-backend.private.jwk.json',
      '新北市立聯合醫院 HIS',
    ),
    {
      clientId: 'openpas-launch',
      organization: null,
      allowedScopes: LAUNCH_SCOPES,
      metadata: {
        client_name: 'OpenPAS 事前審查 (Prior Authorization)',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${launch}/callback`],
        initiate_login_uri: `${launch}/launch`,
        token_endpoint_auth_method: 'none',
      },
    },
    portalClient(config),
  ];
}

/**
 * What the portal may ask for on a payer reviewer's behalf (their workbench reads and decides cases over
 * the FHIR API); the FHIR API still decides what each person's token reaches.
 */
export const PORTAL_REVIEW_SCOPES =
  'fhirUser online_access user/ClaimResponse.rus user/Claim.rs user/Bundle.rs user/Organization.rs';

/**
 * The portal: a confidential OpenID Connect client of the auth server — sign-in and sign-out, and a FHIR
 * token for a reviewer's workbench.
 */
export function portalClient(config: SeedConfig): SandboxClient {
  const portal = config.PORTAL_URL.replace(/\/+$/, '');
  return {
    clientId: 'openpas-portal',
    organization: null,
    allowedScopes: `openid profile ${PORTAL_REVIEW_SCOPES}`,
    secretHash: clientSecretDigest(config.PORTAL_CLIENT_SECRET ?? SANDBOX_PORTAL_CLIENT_SECRET),
    metadata: {
      client_name: 'OpenPAS Portal',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${portal}/api/auth/callback`],
      post_logout_redirect_uris: [`${portal}/`],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  };
}

/** The sandbox OAuth clients, approved. A later run refreshes their metadata but keeps an admin's decision. */
export async function seedClients(
  prisma: PrismaClient,
  config: SeedConfig,
  orgs: OrganizationIds,
): Promise<string[]> {
  const ids: string[] = [];
  for (const client of sandboxClients(config)) {
    const organizationId = client.organization ? orgs[client.organization] : null;
    await prisma.oAuthClient.upsert({
      where: { clientId: client.clientId },
      create: {
        clientId: client.clientId,
        organizationId,
        metadata: client.metadata,
        allowedScopes: client.allowedScopes,
        reviewStatus: 'approved',
        secretHash: client.secretHash ?? null,
      },
      update: {
        metadata: client.metadata,
        allowedScopes: client.allowedScopes,
        ...(client.secretHash ? { secretHash: client.secretHash } : {}),
      },
    });
    ids.push(client.clientId);
  }
  return ids;
}

interface SandboxApp {
  slug: string;
  status: ReviewStatus;
  clientId: string | null;
  /** Hospitals that enable the app for their clinicians */
  enabledAt: (keyof OrganizationIds)[];
  /** The registration, in @openpas/app-registry's AppInput shape */
  details: Prisma.InputJsonObject & {
    name: string;
    summaryEn: string;
    descriptionEn: string;
    summaryZh: string;
    descriptionZh: string;
    launchUrl: string | null;
    redirectUris: string[];
    scopes: string;
    launchTypes: string[];
    homepageUrl: string | null;
  };
}

function sandboxApps(config: SeedConfig): SandboxApp[] {
  const launch = config.LAUNCH_URL.replace(/\/+$/, '');
  return [
    {
      slug: 'openpas-launch',
      status: 'approved',
      clientId: 'openpas-launch',
      enabledAt: ['hospitalA', 'hospitalB'],
      details: {
        name: 'OpenPAS Prior Authorization',
        summaryEn: 'Build, submit and follow TWPAS prior-authorization requests from the EHR.',
        descriptionEn:
          'Launch from the EHR or on its own, assemble a cancer-drug prior-authorization request from the chart, check it before sending, submit it to the NHI and follow the decision.',
        summaryZh: '從病歷系統啟動，建立、送出並追蹤癌症用藥事前審查申請。',
        descriptionZh:
          '可由電子病歷啟動或單獨開啟，從病歷整理癌症用藥事前審查申請，送出前先行檢查，送交健保署並追蹤審查結果。',
        launchTypes: ['clinician-ehr', 'patient-standalone'],
        clientKind: 'public',
        redirectUris: [`${launch}/callback`],
        launchUrl: `${launch}/launch`,
        jwksUrl: null,
        jwks: '',
        scopes: LAUNCH_SCOPES,
        fhirVersion: '4.0.1',
        homepageUrl: launch,
        privacyPolicyUrl: null,
        termsUrl: null,
        logoUploadId: null,
        screenshotUploadIds: [],
        categories: ['prior-authorization'],
        specialties: ['oncology', 'hematology', 'pharmacy'],
        userTypes: ['clinician', 'patient'],
        securityAnswers: {
          dataStorage: 'No data is kept in the app; requests live in the OpenPAS FHIR API in Taiwan.',
          encryption: 'TLS in transit; the platform database encrypts at rest.',
          accessControl: 'SMART scopes granted per launch, with the user’s consent.',
        },
      },
    },
    {
      slug: 'pa-status-board',
      status: 'draft',
      clientId: null,
      enabledAt: [],
      details: {
        name: 'PA Status Board',
        summaryEn: 'A ward dashboard of open prior-authorization cases (draft).',
        descriptionEn: 'Shows every open case of the hospital with its status and the days since submission.',
        summaryZh: '病房事前審查案件狀態看板（草稿）。',
        descriptionZh: '顯示院內所有進行中的事前審查案件、狀態與送件後天數。',
        launchTypes: ['clinician-ehr'],
        clientKind: 'public',
        redirectUris: ['https://localhost:4443/callback'],
        launchUrl: 'https://localhost:4443/launch',
        jwksUrl: null,
        jwks: '',
        scopes: 'openid fhirUser launch user/ClaimResponse.rs',
        fhirVersion: '4.0.1',
        homepageUrl: null,
        privacyPolicyUrl: null,
        termsUrl: null,
        logoUploadId: null,
        screenshotUploadIds: [],
        categories: ['prior-authorization', 'care-coordination'],
        specialties: ['oncology'],
        userTypes: ['clinician'],
        securityAnswers: {},
      },
    },
  ];
}

/**
 * The developer's apps: one listed (the launch app, enabled at both hospitals) and one draft. Made once;
 * a later run only fills in what an older seed did not write (the registration details, the live version).
 */
export async function seedApps(
  prisma: PrismaClient,
  config: SeedConfig,
  users: UserIds,
  orgs: OrganizationIds,
): Promise<number> {
  const apps = sandboxApps(config);
  for (const app of apps) {
    const reviewed = app.status === 'approved';
    // Optional fields of the registration are absent, not null (as @openpas/app-registry stores them).
    const details = Object.fromEntries(
      Object.entries(app.details).filter(([, value]) => value !== null),
    ) as Prisma.InputJsonObject;
    const existing = await prisma.app.findUnique({ where: { slug: app.slug } });
    const now = new Date();
    const row =
      existing ??
      (await prisma.app.create({
        data: {
          slug: app.slug,
          name: app.details.name,
          developerId: users.developer,
          status: app.status,
          listed: reviewed,
          liveVersion: reviewed ? 1 : null,
          clients: app.clientId ? { connect: { clientId: app.clientId } } : undefined,
          versions: {
            create: {
              version: 1,
              name: app.details.name,
              details,
              summary: app.details.summaryEn,
              description: app.details.descriptionEn,
              translations: {
                'zh-TW': { summary: app.details.summaryZh, description: app.details.descriptionZh },
              },
              homepageUrl: app.details.homepageUrl,
              launchUrl: app.details.launchUrl,
              redirectUris: app.details.redirectUris,
              scopes: app.details.scopes,
              launchTypes: app.details.launchTypes,
              status: app.status,
              submittedAt: reviewed ? now : null,
              reviewedAt: reviewed ? now : null,
              reviewerId: reviewed ? users.admin : null,
              reviewNote: reviewed ? 'Sandbox app, approved at seeding.' : null,
            },
          },
          decisions: {
            create: [
              { version: 1, action: 'create', actorId: users.developer, createdAt: now },
              ...(reviewed
                ? [
                    { version: 1, action: 'submit', actorId: users.developer, createdAt: now },
                    {
                      version: 1,
                      action: 'approve',
                      actorId: users.admin,
                      reason: 'Sandbox app, approved at seeding.',
                      createdAt: now,
                    },
                  ]
                : []),
            ],
          },
        },
      }));
    if (existing) {
      // Databases seeded before the portal: the version's registration details and the live version.
      await prisma.appVersion.updateMany({
        where: { appId: row.id, version: 1, details: { equals: {} } },
        data: { name: app.details.name, details },
      });
      if (reviewed && existing.liveVersion === null && existing.status === 'approved') {
        await prisma.app.update({ where: { id: row.id }, data: { liveVersion: 1 } });
      }
    }
    for (const org of app.enabledAt) {
      await prisma.appEnablement.upsert({
        where: { appId_organizationId: { appId: row.id, organizationId: orgs[org] } },
        create: { appId: row.id, organizationId: orgs[org], enabled: true },
        update: {},
      });
    }
  }
  return apps.length;
}
