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
    return {
      scope: registeredScopes(client),
      audience: options.fhirBaseUrl,
      accessTokenFormat: 'opaque',
      accessTokenTTL: options.accessTokenTtl,
    };
  };
}
