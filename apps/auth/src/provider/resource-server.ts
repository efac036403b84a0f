import { formatScopes, intersect, parseScopes } from '@openpas/scopes';
import type { KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import { errors } from 'oidc-provider';
import { registeredScopes } from './client-scopes.ts';

// The FHIR API is the one resource server. What reaches an access token is decided here: the requested
// SMART scopes narrowed (by packages/scopes) to the client's registered scopes. oidc-provider then keeps
// exactly these, so the request's scope parameter is rewritten to the narrowed set.

export interface ResourceServerOptions {
  fhirBaseUrl: string;
  accessTokenTtl: number;
}

export function narrowToClient(requested: string, registered: string): string {
  const wanted = parseScopes(requested).scopes;
  const allowed = parseScopes(registered).scopes;
  // Launch and OpenID scopes mean nothing without a user; resource scopes and permissions such as
  // `introspect` pass when the client is registered for them.
  const granted = intersect(wanted, allowed).filter(
    (scope) => scope.kind === 'resource' || scope.kind === 'other',
  );
  return formatScopes(granted, { keepV1: true });
}

/**
 * What a user-facing authorization may ask for: the requested identity, launch and refresh scopes and the
 * patient/ and user/ resource scopes, each narrowed to what the client registered. system/ scopes and
 * permissions such as `introspect` belong to backend clients and are dropped.
 */
export function narrowForUser(requested: string, registered: string): string {
  const wanted = parseScopes(requested).scopes;
  const allowed = parseScopes(registered).scopes;
  const granted = intersect(wanted, allowed).filter(
    (scope) => scope.kind !== 'other' && !(scope.kind === 'resource' && scope.context === 'system'),
  );
  return formatScopes(granted, { keepV1: true });
}

/**
 * The scope of a user-facing authorization request. OpenID Connect drops offline_access unless the
 * request says prompt=consent; SMART apps never do, and here consent is always asked, so offline_access
 * is taken back from the raw request when the client may use refresh tokens.
 */
function requestedUserScope(ctx: KoaContextWithOIDC, client: { [key: string]: unknown }): string {
  const scope = String(ctx.oidc.params?.scope ?? '');
  if (ctx.oidc.route !== 'authorization') return scope;
  const raw = (ctx.method === 'POST' ? ctx.oidc.body?.scope : ctx.query.scope) ?? '';
  const grantTypes = client.grantTypes ?? client.grant_types;
  const refreshAllowed = Array.isArray(grantTypes) && grantTypes.includes('refresh_token');
  const wantsOffline = typeof raw === 'string' && raw.split(' ').includes('offline_access');
  return wantsOffline && refreshAllowed && !scope.split(' ').includes('offline_access')
    ? `${scope} offline_access`
    : scope;
}

export function resourceServerInfo(options: ResourceServerOptions) {
  return async function getResourceServerInfo(
    ctx: KoaContextWithOIDC,
    resourceIndicator: string,
    client: { scope?: string; [key: string]: unknown },
  ): Promise<ResourceServer> {
    if (resourceIndicator !== options.fhirBaseUrl) {
      throw new errors.InvalidTarget(
        `unknown resource server; this server issues tokens for ${options.fhirBaseUrl}`,
      );
    }
    if (ctx.oidc.params?.grant_type === 'client_credentials') {
      const requested = String(ctx.oidc.params.scope ?? '');
      const granted = narrowToClient(requested, registeredScopes(client));
      if (!granted) {
        throw new errors.InvalidScope(
          requested
            ? 'none of the requested scopes is registered for this client'
            : 'scope is required: request the system/ scopes this client is registered for',
          requested,
        );
      }
      ctx.oidc.params.scope = granted;
      return {
        scope: granted,
        audience: options.fhirBaseUrl,
        accessTokenFormat: 'opaque',
        accessTokenTTL: options.accessTokenTtl,
      };
    }
    const route = ctx.oidc.route;
    if ((route === 'authorization' || route === 'resume') && ctx.oidc.params) {
      // The request's scope becomes the narrowed set, so the consent page, the code and the tokens
      // all speak of the same scopes. Identity and launch scopes are listed for the FHIR API too, so the
      // access token's scope is the full granted set that SMART asks for.
      const narrowed = narrowForUser(requestedUserScope(ctx, client), registeredScopes(client));
      ctx.oidc.params.scope = narrowed || undefined;
      return {
        scope: narrowed,
        audience: options.fhirBaseUrl,
        accessTokenFormat: 'opaque',
        accessTokenTTL: options.accessTokenTtl,
      };
    }
    const grant = ctx.oidc.entities?.Grant;
    if (route === 'token' && grant) {
      return {
        scope: grant.getResourceScope(options.fhirBaseUrl),
        audience: options.fhirBaseUrl,
        accessTokenFormat: 'opaque',
        accessTokenTTL: options.accessTokenTtl,
      };
    }
    return {
      scope: registeredScopes(client),
      audience: options.fhirBaseUrl,
      accessTokenFormat: 'opaque',
      accessTokenTTL: options.accessTokenTtl,
    };
  };
}
