import type { AccountStore, JtiUse, LaunchContextStore, OidcPayloadStore } from '@openpas/auth-store';
import type { KeyRing, SigningAlg } from '@openpas/jwt';
import { parseScopes, SPECIAL_SCOPE_KINDS } from '@openpas/scopes';
import { ENDPOINT_PATHS } from '@openpas/smart';
import type { Configuration, CookiesSetOptions, KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { AuthEnv } from '../env.ts';
import type { TokenRateLimiter } from '../http/rate-limit.ts';
import { escapeHtml } from '../pages/layout.ts';
import { logoutSource, postLogoutSuccessSource } from '../pages/sign-out-pages.ts';
import type { ClientStore } from '../storage/client-store.ts';
import { OidcAdapter } from '../storage/oidc-adapter.ts';
import { findAccount } from './accounts.ts';
import { assertionChecks } from './assertion-checks.ts';
import { clientBasedCors } from './client-cors.ts';
import { CLIENT_SCOPE_PROPERTY, registeredScopes, splitClientScopes } from './client-scopes.ts';
import { outgoingFetch } from './outgoing-fetch.ts';
import { checkRegistration } from './registration-checks.ts';
import { resourceServerInfo } from './resource-server.ts';
import { tokenClaims } from './token-context.ts';

/** The scope a client or token must hold to introspect tokens it did not get itself. */
export const INTROSPECT_SCOPE = 'introspect';

const CLOCK_TOLERANCE_SECONDS = 5;
export const SESSION_TTL_SECONDS = 8 * 3600;
export const GRANT_TTL_SECONDS = 14 * 24 * 3600;

/** RS256 signs id_tokens (SMART requires it); access tokens are opaque. */
export const SIGNING_ALGS: readonly SigningAlg[] = ['RS256'];

/** Scopes oidc-provider itself understands; SMART resource scopes are handled by packages/scopes. */
const OIDC_SCOPES: ReadonlySet<string> = new Set(SPECIAL_SCOPE_KINDS);

export interface ConfigurationDeps {
  env: AuthEnv;
  accounts: AccountStore;
  launches: LaunchContextStore;
  payloads: OidcPayloadStore;
  clients: ClientStore;
  /** Records first uses of client-assertion jtis */
  firstJtiUse: (use: JtiUse) => Promise<boolean>;
  keys: KeyRing;
  limiter: TokenRateLimiter;
  cookieKeys: string[];
  /** Initial access tokens for dynamic registration; none turns registration off */
  registrationTokens: string[];
}

/**
 * Browsers send a cookie with SameSite=None only when it is Secure, and authorization by form POST from
 * the app's site needs the session cookie to be SameSite=None. Secure cookies work on https and, in
 * Chromium and Firefox, on http://localhost and 127.0.0.1 (a secure context). So the session cookie is
 * Secure + SameSite=None there, and form POST is offered; on any other http issuer (never production)
 * cookies stay Lax and authorization is by GET only.
 */
export function secureCookiesFor(issuer: string): boolean {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function sessionCookieOptions(issuer: string): CookiesSetOptions {
  return secureCookiesFor(issuer)
    ? { httpOnly: true, sameSite: 'none', secure: true }
    : { httpOnly: true, sameSite: 'lax' };
}

function sameResource(value: string, fhirBaseUrl: string): boolean {
  return value.replace(/\/+$/, '') === fhirBaseUrl;
}

export function holdsIntrospectPermission(scope: string | undefined): boolean {
  return parseScopes(scope ?? '').scopes.some(
    (item) => item.kind === 'other' && item.value === INTROSPECT_SCOPE,
  );
}

export function providerConfiguration(deps: ConfigurationDeps): Configuration {
  const { env, clients, payloads } = deps;
  return {
    adapter: (model: string) => new OidcAdapter(model, payloads, clients),
    clients: [],
    jwks: deps.keys.privateJwks() as Configuration['jwks'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    // Client jwks_uri fetches: never to private, link-local or (in production) loopback addresses.
    fetch: outgoingFetch(env.NODE_ENV === 'production' ? 'public' : 'public-or-loopback'),
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic', 'none'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS384', 'ES384', 'RS256', 'ES256'],
      idTokenSigningAlgValues: ['RS256'],
    },
    assertJwtClientAuthClaimsAndHeader: assertionChecks(
      deps.firstJtiUse,
      deps.limiter,
      CLOCK_TOLERANCE_SECONDS,
    ),
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientBasedCORS: clientBasedCors(clients),
    extraParams: {
      // SMART: the app names the FHIR server it will call; a token for any other audience is refused.
      aud: (_ctx, value) => {
        if (value === undefined || !sameResource(value, env.FHIR_BASE_URL)) {
          throw new errors.InvalidRequest(`aud must be the FHIR base URL ${env.FHIR_BASE_URL}`);
        }
      },
      // EHR launch: the launch value must be one this server issued for this client, still unused.
      launch: async (ctx, value, client) => {
        const scopes = String(ctx.oidc.params?.scope ?? '').split(' ');
        if (value === undefined) {
          if (scopes.includes('launch')) {
            throw new errors.InvalidRequest('scope launch needs the launch parameter the EHR sent');
          }
          return;
        }
        if (!scopes.includes('launch'))
          throw new errors.InvalidRequest('the launch parameter needs scope launch');
        if (!(await deps.launches.findUsable(value, client.clientId))) {
          throw new errors.InvalidRequest(
            'launch is unknown, expired, already used or issued for another client',
          );
        }
      },
    },
    scopes: [...OIDC_SCOPES],
    extraClientMetadata: {
      properties: [CLIENT_SCOPE_PROPERTY],
      // Called once per registered client (for the one extra property), with the whole metadata.
      validator: (ctx, key, _value, metadata) => {
        if (key !== CLIENT_SCOPE_PROPERTY) return;
        checkRegistration(ctx, metadata as Record<string, unknown>, {
          production: env.NODE_ENV === 'production',
        });
        splitClientScopes(metadata as Record<string, unknown>, OIDC_SCOPES);
      },
    },
    claims: {
      openid: ['sub'],
      fhirUser: ['fhirUser'],
      profile: ['name', 'preferred_username', 'locale'],
    },
    findAccount: findAccount(deps.accounts),
    cookies: {
      keys: deps.cookieKeys,
      long: sessionCookieOptions(env.AUTH_ISSUER),
      short: { httpOnly: true, sameSite: 'lax' },
    },
    enableHttpPostMethods: secureCookiesFor(env.AUTH_ISSUER),
    // Every authorization asks for consent and settles its own launch context: one grant per launch.
    // Only the grant the consent step has just created counts, never an earlier one of the session.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return typeof grantId === 'string' ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (code.scopes.has('offline_access') || code.scopes.has('online_access')),
    // Refresh tokens are single-use: each refresh returns a new one, and reuse of a used one revokes the
    // grant (oidc-provider, with the adapter's conditional consume deciding races).
    rotateRefreshToken: true,
    routes: {
      authorization: ENDPOINT_PATHS.authorization,
      token: ENDPOINT_PATHS.token,
      introspection: ENDPOINT_PATHS.introspection,
      revocation: ENDPOINT_PATHS.revocation,
      registration: ENDPOINT_PATHS.registration,
      jwks: ENDPOINT_PATHS.jwks,
      userinfo: ENDPOINT_PATHS.userinfo,
    },
    ttl: {
      AccessToken: env.AUTH_ACCESS_TOKEN_TTL,
      ClientCredentials: env.AUTH_ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: SESSION_TTL_SECONDS,
      Grant: GRANT_TTL_SECONDS,
      RefreshToken: 14 * 24 * 3600,
    },
    extraTokenClaims: tokenClaims(payloads),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client, token) =>
          token.clientId === client.clientId || holdsIntrospectPermission(registeredScopes(client)),
      },
      revocation: {
        enabled: true,
        // A client revokes its own tokens only; anything else is ignored, as RFC 7009 allows.
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client, token) => token.clientId === client.clientId,
      },
      registration: {
        enabled: deps.registrationTokens.length > 0,
        // Adapter-backed tokens, one per configured value (provider/registration-tokens.ts): a string here
        // would allow only one.
        initialAccessToken: true,
        // RFC 7592: the registration response carries a registration access token and the client's
        // configuration URI, with which the app reads, updates or deletes its own registration.
        issueRegistrationAccessToken: true,
      },
      registrationManagement: {
        enabled: deps.registrationTokens.length > 0,
        rotateRegistrationAccessToken: false,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => env.FHIR_BASE_URL,
        useGrantedResource: async () => true,
        getResourceServerInfo: resourceServerInfo({
          fhirBaseUrl: env.FHIR_BASE_URL,
          accessTokenTtl: env.AUTH_ACCESS_TOKEN_TTL,
        }),
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    discovery: {
      service_documentation: `${env.PORTAL_URL}/docs`,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
}

function errorPage(error: string, description: string | undefined): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error · 登入錯誤</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<main><h1>The request could not be completed · 無法完成請求</h1>
<p role="alert"><strong>${escapeHtml(error)}</strong>${description ? `: ${escapeHtml(description)}` : ''}</p>
<p>Return to the application and try again, or contact its developer. 請回到應用程式重試，或聯絡其開發者。</p></main>
</body></html>`;
}
