import type { Client, KoaContextWithOIDC } from 'oidc-provider';
import type { ClientStore } from '../storage/client-store.ts';

/** The endpoints a browser app calls itself: the code and refresh grants, revocation, userinfo. */
const BROWSER_ROUTES: ReadonlySet<string> = new Set(['token', 'revocation', 'userinfo']);

function originOf(uri: string): string | undefined {
  const url = URL.parse(uri);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
}

/** The origins a client's browser app is served from: those of its redirect URIs and its launch URL. */
export function appOrigins(redirectUris: readonly string[], launchUri: string | undefined): Set<string> {
  const uris = [...redirectUris, ...(launchUri ? [launchUri] : [])];
  return new Set(uris.map(originOf).filter((origin): origin is string => origin !== undefined));
}

/**
 * oidc-provider's clientBasedCORS: which cross-origin requests a client's caller may make (discovery and
 * the JWKS are open to any origin regardless). Only public clients run in a browser, so only they may
 * call the token, revocation and userinfo endpoints, and only from their own app's origins; a
 * confidential client's secret or key never belongs in a page, and an opaque origin (`null`: sandboxed
 * frames, file:) is never trusted.
 */
export function clientBasedCors(clients: Pick<ClientStore, 'launchUriOf'>) {
  return (ctx: KoaContextWithOIDC, origin: string, client: Client): boolean => {
    if (origin === 'null' || client.clientAuthMethod !== 'none') return false;
    if (!BROWSER_ROUTES.has(String(ctx.oidc.route))) return false;
    return appOrigins(client.redirectUris ?? [], clients.launchUriOf(client.clientId)).has(origin);
  };
}
