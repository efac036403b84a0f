import type { SeedConfig } from '../env.ts';
import type { Prisma, PrismaClient, ReviewStatus } from '../generated/prisma/client.ts';
import type { OrganizationIds } from './organizations.ts';
import { sandboxPublicJwks } from './sandbox-keys.ts';
import type { UserIds } from './users.ts';

const BACKEND_SCOPES = 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs';
const LAUNCH_SCOPES = [
  'openid fhirUser profile launch launch/patient launch/encounter offline_access online_access',
  'patient/*.rs user/*.rs user/Bundle.c user/Claim.c patient/Bundle.c',
].join(' ');

interface SandboxClient {
  clientId: string;
  organization: keyof OrganizationIds | null;
  allowedScopes: string;
  metadata: Prisma.InputJsonObject;
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
  ];
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
      },
      update: { metadata: client.metadata, allowedScopes: client.allowedScopes },
    });
    ids.push(client.clientId);
  }
  return ids;
}

interface SandboxApp {
  slug: string;
  name: string;
  status: ReviewStatus;
  listed: boolean;
  clientId: string | null;
  summary: string;
  description: string;
  zhSummary: string;
  launchUrl: string | null;
  redirectUris: string[];
  scopes: string;
  launchTypes: string[];
}

function sandboxApps(config: SeedConfig): SandboxApp[] {
  const launch = config.LAUNCH_URL.replace(/\/+$/, '');
  return [
    {
      slug: 'openpas-launch',
      name: 'OpenPAS Prior Authorization',
      status: 'approved',
      listed: true,
      clientId: 'openpas-launch',
      summary: 'Build, submit and follow TWPAS prior-authorization requests from the EHR.',
      description:
        'Launch from the EHR or on its own, assemble a cancer-drug prior-authorization request from the chart, check it before sending, submit it to the NHI and follow the decision.',
      zhSummary: '從病歷系統啟動，建立、送出並追蹤癌症用藥事前審查申請。',
      launchUrl: `${launch}/launch`,
      redirectUris: [`${launch}/callback`],
      scopes: LAUNCH_SCOPES,
      launchTypes: ['clinician-ehr', 'patient-standalone'],
    },
    {
      slug: 'pa-status-board',
      name: 'PA Status Board',
      status: 'draft',
      listed: false,
      clientId: null,
      summary: 'A ward dashboard of open prior-authorization cases (draft).',
      description: 'Shows every open case of the hospital with its status and the days since submission.',
      zhSummary: '病房事前審查案件狀態看板（草稿）。',
      launchUrl: 'https://localhost:4443/launch',
      redirectUris: ['https://localhost:4443/callback'],
      scopes: 'openid fhirUser launch user/ClaimResponse.rs',
      launchTypes: ['clinician-ehr'],
    },
  ];
}

/** The developer's apps: one listed (the launch app) and one draft. */
export async function seedApps(prisma: PrismaClient, config: SeedConfig, users: UserIds): Promise<number> {
  const apps = sandboxApps(config);
  for (const app of apps) {
    const existing = await prisma.app.findUnique({ where: { slug: app.slug } });
    if (existing) continue;
    const now = new Date();
    const reviewed = app.status === 'approved';
    await prisma.app.create({
      data: {
        slug: app.slug,
        name: app.name,
        developerId: users.developer,
        status: app.status,
        listed: app.listed,
        clients: app.clientId ? { connect: { clientId: app.clientId } } : undefined,
        versions: {
          create: {
            version: 1,
            summary: app.summary,
            description: app.description,
            translations: { 'zh-TW': { summary: app.zhSummary } },
            launchUrl: app.launchUrl,
            redirectUris: app.redirectUris,
            scopes: app.scopes,
            launchTypes: app.launchTypes,
            status: app.status,
            submittedAt: reviewed ? now : null,
            reviewedAt: reviewed ? now : null,
            reviewerId: reviewed ? users.admin : null,
            reviewNote: reviewed ? 'Sandbox app, approved at seeding.' : null,
          },
        },
      },
    });
  }
  return apps.length;
}
