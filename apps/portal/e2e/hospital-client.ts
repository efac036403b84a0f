// A hospital's backend service for the browser tests and the screenshots: an approved private_key_jwt
// client of hospital A, its token, and submissions of sandbox cases over the FHIR API.
import type { Bundle } from '@openpas/fhir-model';
import { generateKeyPair } from '@openpas/jwt';
import { requestToken } from './backend-client.ts';
import type { Platform } from './platform.ts';

export interface HospitalClient {
  /** A FHIR call with the hospital's token */
  fhir(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Submits a request Bundle; the case's ClaimResponse id, its acceptance number and item count */
  submit(bundle: Bundle): Promise<{ caseId: string; acceptanceNumber: string; items: number }>;
}

export async function hospitalClient(
  platform: Platform,
  clientId: string,
  scopes: string,
): Promise<HospitalClient> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256');
  const hospitalA = await platform.db.prisma.organization.findUniqueOrThrow({
    where: { nhiCode: '0101090517' },
  });
  await platform.db.prisma.oAuthClient.create({
    data: {
      clientId,
      organizationId: hospitalA.id,
      allowedScopes: scopes,
      reviewStatus: 'approved',
      metadata: {
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicJwk] },
      } as never,
    },
  });
  const token = await requestToken(platform.issuer, clientId, privateJwk, scopes);
  if (token.status !== 200 || !token.body.access_token)
    throw new Error(`no hospital token: ${token.body.error}`);
  const accessToken = token.body.access_token;
  const fhir: HospitalClient['fhir'] = async (path, init = {}) => {
    const response = await fetch(`${platform.fhirBase}/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/fhir+json',
        ...(init.body ? { 'content-type': 'application/fhir+json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    fhir,
    async submit(bundle) {
      const submitted = await fhir('Bundle', { method: 'POST', body: bundle });
      if (submitted.status !== 201)
        throw new Error(`submission refused: ${JSON.stringify(submitted.body).slice(0, 300)}`);
      const claim = (
        submitted.body.entry as {
          resource: {
            resourceType: string;
            id: string;
            item?: unknown[];
            identifier?: { use?: string; value?: string }[];
          };
        }[]
      )
        .map((entry) => entry.resource)
        .find((resource) => resource.resourceType === 'Claim');
      const found = await fhir(`ClaimResponse?request=Claim/${claim?.id}`);
      return {
        caseId: String((found.body.entry as { resource: { id: string } }[])[0]?.resource.id),
        acceptanceNumber: claim?.identifier?.find((i) => i.use === 'official')?.value ?? '',
        items: claim?.item?.length ?? 0,
      };
    },
  };
}
