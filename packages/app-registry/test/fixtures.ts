import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import { generateKeyPair } from '@openpas/jwt';
import type { AppInputRaw } from '../src/app-input.ts';

// People and organisations for the registry's tests, written as the seed or sign-up would.

export async function organization(
  sql: SqlRunner,
  kind: 'hospital' | 'vendor',
  name: string,
): Promise<string> {
  const id = randomUUID();
  await sql.execute(
    `INSERT INTO organization (id, kind, nhi_code, name, updated_at) VALUES ($1::uuid, $2::organization_kind, $3, $4, now())`,
    [id, kind, `${kind}-${id.slice(0, 8)}`, name],
  );
  return id;
}

export async function user(
  sql: SqlRunner,
  roles: string[],
  organizationId: string | null = null,
  displayName = `${roles.join('+')} ${randomUUID().slice(0, 4)}`,
): Promise<string> {
  const id = randomUUID();
  await sql.execute(
    `INSERT INTO app_user (id, username, display_name, password_hash, roles, organization_id, updated_at)
     VALUES ($1::uuid, $2, $3, 'x', $4::text[]::role[], $5::uuid, now())`,
    [id, `user-${id}`, displayName, roles, organizationId],
  );
  return id;
}

/** A backend service registered with a pasted JWKS (the e2e's app), in Chinese and English. */
export async function backendApp(
  name = 'Oncology Claims Bridge',
): Promise<{ input: AppInputRaw; privateJwk: object }> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES384');
  return {
    privateJwk,
    input: {
      name,
      summaryEn: 'Sends cancer-drug prior-authorization bundles from the hospital information system.',
      descriptionEn: 'A backend service that submits TWPAS bundles and reads the decisions.',
      summaryZh: '從醫院資訊系統送出癌症用藥事前審查申請。',
      descriptionZh: '後端服務：送出 TWPAS 申請並讀取審查結果，支援標靶藥物與免疫製劑。',
      launchTypes: ['backend-service'],
      clientKind: 'confidential-jwks',
      jwks: JSON.stringify({ keys: [publicJwk] }),
      scopes: 'system/Bundle.crs system/ClaimResponse.rs',
      categories: ['prior-authorization', 'data-exchange'],
      specialties: ['oncology'],
      userTypes: ['hospital-staff'],
      securityAnswers: { encryption: 'TLS 1.3' },
    },
  };
}

/** A clinician's EHR-launched app with a client secret. */
export function ehrApp(name = 'Chemo Dose Checker'): AppInputRaw {
  return {
    name,
    summaryEn: 'Checks chemotherapy doses against body surface area.',
    descriptionEn: 'Launched from the EHR, it reads the patient’s height, weight and orders.',
    summaryZh: '依體表面積檢查化療劑量。',
    descriptionZh: '由電子病歷啟動，讀取病人身高、體重與醫囑。',
    launchTypes: ['clinician-ehr'],
    clientKind: 'confidential-secret',
    redirectUris: ['https://chemo.example/callback'],
    launchUrl: 'https://chemo.example/launch',
    scopes: 'openid fhirUser launch user/*.rs',
    homepageUrl: 'https://chemo.example',
    categories: ['clinical-decision-support'],
    specialties: ['oncology', 'pharmacy'],
    userTypes: ['clinician'],
  };
}
