import type { Database } from '@openpas/db';
import { createClientAssertion, generateKeyPair, type JWK } from '@openpas/jwt';

// A hospital's backend client for tests that talk to servers in other processes: registered approved in the
// database with a fresh key, and its token requests (RFC 7523 client assertions) sent to any issuer.

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface BackendClient {
  readonly clientId: string;
  /**
   * A fresh signed assertion (its own jti) addressed to the issuer identifier, which every endpoint of every
   * instance accepts as audience (an instance reached directly sees its own host in its endpoint URLs).
   */
  assertion(issuer: string): Promise<string>;
  /** POSTs a client_credentials request to `tokenUrl`; the raw answer */
  requestToken(tokenUrl: string, scope: string, assertion?: string): Promise<Response>;
  /** A token, or an error naming what the server said */
  token(issuer: string, scope: string): Promise<string>;
  /** RFC 7009 revocation for `issuer`, sent to `via` (one instance's origin; default the issuer); the status */
  revoke(issuer: string, token: string, via?: string): Promise<number>;
}

/** Registers an approved backend client of an organisation ('0101090517' hospital A, 'A21030000I' payer). */
export async function registerBackendClient(
  db: Database,
  clientId: string,
  nhiCode: string,
  scopes: string,
): Promise<BackendClient> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256');
  const org = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode } });
  await db.prisma.oAuthClient.create({
    data: {
      clientId,
      organizationId: org.id,
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
  return backendClient(clientId, privateJwk);
}

function backendClient(clientId: string, key: JWK): BackendClient {
  const client: BackendClient = {
    clientId,
    assertion: (issuer) => createClientAssertion({ clientId, audience: issuer, key }),
    async requestToken(tokenUrl, scope, assertion) {
      const issuer = tokenUrl.replace(/\/token$/, '');
      return fetch(tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: JWT_BEARER,
          client_assertion: assertion ?? (await client.assertion(issuer)),
          scope,
        }),
      });
    },
    async token(issuer, scope) {
      const response = await client.requestToken(`${issuer}/token`, scope);
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token)
        throw new Error(`no token for ${clientId} (${response.status}): ${body.error_description}`);
      return body.access_token;
    },
    async revoke(issuer, token, via = issuer) {
      const response = await fetch(`${via}/token/revocation`, {
        method: 'POST',
        body: new URLSearchParams({
          token,
          client_assertion_type: JWT_BEARER,
          client_assertion: await client.assertion(issuer),
        }),
      });
      await response.arrayBuffer();
      return response.status;
    },
  };
  return client;
}
