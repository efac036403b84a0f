import type { Database } from '@openpas/db';
import { generateKeyPair, type JWK, type SigningAlg } from '@openpas/jwt';

export interface TokenReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function assertionForm(assertion: string, scope: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion,
    scope,
  };
}

/** Registers an approved backend client with a fresh key of the given algorithm, straight in the database. */
export async function registerBackendClient(
  db: Database,
  clientId: string,
  alg: SigningAlg,
  options: {
    scopes?: string;
    status?: 'approved' | 'pending' | 'rejected' | 'suspended';
    reason?: string;
  } = {},
): Promise<JWK> {
  const { privateJwk, publicJwk } = await generateKeyPair(alg);
  await db.prisma.oAuthClient.create({
    data: {
      clientId,
      allowedScopes: options.scopes ?? 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
      reviewStatus: options.status ?? 'approved',
      statusReason: options.reason ?? null,
      metadata: {
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicJwk] },
      } as never,
    },
  });
  return privateJwk;
}
