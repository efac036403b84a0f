import { bearerToken } from '@openpas/smart';
import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import { readForm } from '../http/body.ts';
import { invalidRequest, invalidToken } from '../http/errors.ts';
import { sendJson } from '../http/json.ts';
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

/** POST /token/introspection with a Bearer token; client-authenticated calls go on to oidc-provider. */
export async function introspectWithBearer(provider: Provider, ctx: Context, next: Next): Promise<void> {
  const bearer = bearerToken(ctx.get('authorization'));
  if (!bearer) return next();
  const caller = await findValid(provider, bearer);
  if (!caller || !holdsIntrospectPermission(caller.scope)) {
    throw invalidToken('the bearer token is not active or lacks the introspect permission');
  }
  const value = (await readForm(ctx)).get('token');
  if (!value) throw invalidRequest('token is required');
  const token = await findValid(provider, value);
  sendJson(ctx, 200, token ? describeToken(provider, token) : { active: false });
}
