import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { readBody, sendJson } from '../http/json.ts';
import { setNoStore } from '../http/security-headers.ts';
import { holdsIntrospectPermission } from './configuration.ts';

// RFC 7662 lets the introspection endpoint accept a Bearer token instead of client credentials; SMART
// asks for it. oidc-provider only knows client authentication, so this path answers Bearer callers with
// the same response shape, after checking that their token holds the introspect permission.

interface IntrospectableToken {
  kind: string;
  isValid: boolean;
  clientId: string;
  accountId?: string;
  grantId?: string;
  scope?: string;
  exp?: number;
  iat?: number;
  jti: string;
  aud?: string | string[];
  tokenType?: string;
  extra?: Record<string, unknown>;
}

async function findValid(provider: Provider, value: string): Promise<IntrospectableToken | undefined> {
  if (!value) return undefined;
  const finders: ((token: string) => Promise<unknown>)[] = [
    (token) => provider.AccessToken.find(token),
    (token) => provider.ClientCredentials.find(token),
    (token) => provider.RefreshToken.find(token),
  ];
  for (const find of finders) {
    const token = (await find(value)) as IntrospectableToken | undefined;
    if (!token) continue;
    if (!token.isValid) return undefined;
    if (token.grantId) {
      const grant = await provider.Grant.find(token.grantId, { ignoreExpiration: true });
      if (
        !grant ||
        grant.isExpired ||
        grant.clientId !== token.clientId ||
        grant.accountId !== token.accountId
      ) {
        return undefined;
      }
    }
    return token;
  }
  return undefined;
}

export function describeToken(provider: Provider, token: IntrospectableToken): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...token.extra,
    active: true,
    client_id: token.clientId,
    exp: token.exp,
    iat: token.iat,
    iss: provider.issuer,
    aud: token.aud,
    scope: token.scope || undefined,
    token_type: token.kind !== 'RefreshToken' ? token.tokenType : undefined,
  };
  if (token.accountId) body.sub = token.accountId;
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

export async function introspectWithBearer(
  provider: Provider,
  bearer: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  setNoStore(res);
  const caller = await findValid(provider, bearer);
  if (!caller || !holdsIntrospectPermission(caller.scope)) {
    sendJson(
      res,
      401,
      {
        error: 'invalid_token',
        error_description: 'the bearer token is not active or lacks the introspect permission',
      },
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    );
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const value = form.get('token');
  if (!value) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'token is required' });
    return;
  }
  const token = await findValid(provider, value);
  sendJson(res, 200, token ? describeToken(provider, token) : { active: false });
}
