import { linkClientToApp, unclaimedRegistration } from '@openpas/auth-store';
import type { FastSql } from '@openpas/db';
import type { AppDetails } from './app-input.ts';
import { appDetail, recordDecision } from './app-reads.ts';
import type { Developer, RegistryOptions } from './developer-apps.ts';
import { notFound } from './registry-error.ts';
import { insertVersion, slugOf } from './version-rows.ts';
import type { AppDetailView } from './views.ts';

/**
 * An RFC 7591 registration becomes an app of the developer who proves it theirs with the RFC 7592
 * registration access token: its metadata becomes version 1 (a draft, or pending when the registration
 * is waiting for review), and the client is the app's production client.
 */
export async function claimRegistration(
  sql: FastSql,
  developer: Developer,
  input: { clientId: string; registrationAccessToken: string },
  options: RegistryOptions,
): Promise<AppDetailView> {
  const appId = await sql.transaction(async (tx) => {
    const registration = await unclaimedRegistration(tx, input.clientId, input.registrationAccessToken);
    if (!registration) throw notFound('registration');
    const metadata = registration.metadata;
    const text = (key: string) => (typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined);
    const grants = Array.isArray(metadata.grant_types) ? (metadata.grant_types as string[]) : [];
    const backend = grants.includes('client_credentials');
    const name = text('client_name') ?? input.clientId;
    const details: AppDetails = {
      name,
      summaryEn: `Registered through RFC 7591 as ${input.clientId}`,
      descriptionEn: `Registered through RFC 7591 as ${input.clientId}`,
      summaryZh: '',
      descriptionZh: '',
      launchTypes: backend ? ['backend-service'] : ['clinician-ehr'],
      clientKind:
        metadata.token_endpoint_auth_method === 'private_key_jwt'
          ? 'confidential-jwks'
          : metadata.token_endpoint_auth_method === 'none'
            ? 'public'
            : 'confidential-secret',
      redirectUris: Array.isArray(metadata.redirect_uris) ? (metadata.redirect_uris as string[]) : [],
      launchUrl: text('initiate_login_uri'),
      jwksUrl: text('jwks_uri'),
      jwks: metadata.jwks ? JSON.stringify(metadata.jwks) : '',
      scopes: registration.allowedScopes,
      fhirVersion: '4.0.1',
      homepageUrl: text('client_uri'),
      privacyPolicyUrl: text('policy_uri'),
      termsUrl: text('tos_uri'),
      logoUploadId: null,
      screenshotUploadIds: [],
      categories: [],
      specialties: [],
      userTypes: backend ? ['hospital-staff'] : ['clinician'],
      securityAnswers: {},
    };
    // The app takes the registration's state: waiting for review, or already decided by an admin.
    const state = registration.reviewStatus;
    const live = state === 'approved' || state === 'suspended';
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO app (id, slug, name, developer_id, organization_id, status, listed, live_version, origin, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4::uuid, $5::review_status, false, $6::int, 'registration', now())
       RETURNING id::text AS id`,
      [slugOf(name), name, developer.userId, developer.organizationId, state, live ? 1 : null],
    );
    const id = row?.id as string;
    await insertVersion(tx, id, 1, details);
    if (state !== 'draft') {
      await tx.execute(
        `UPDATE app_version SET status = $2::review_status, submitted_at = now(),
           reviewed_at = CASE WHEN $3::boolean THEN now() END
         WHERE app_id = $1::uuid AND version = 1`,
        [id, state, state !== 'pending' && state !== 'in_review'],
      );
    }
    const pending = state === 'pending' || state === 'in_review';
    await linkClientToApp(tx, input.clientId, id);
    await recordDecision(tx, { appId: id, version: 1, action: 'create', actorId: developer.userId });
    if (pending)
      await recordDecision(tx, { appId: id, version: 1, action: 'submit', actorId: developer.userId });
    return id;
  });
  return appDetail(sql, appId, options);
}
