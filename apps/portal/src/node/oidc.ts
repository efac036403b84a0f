// The portal as an OpenID Connect client of the auth server (confidential client, code + PKCE, S256).
import { PORTAL_REVIEW_SCOPES } from '@openpas/db/seed';
import * as oidc from 'openid-client';
import { type PortalEnv, portalClientSecret } from '../env.ts';

let cached: { key: string; config: Promise<oidc.Configuration> } | undefined;

/** The auth server's discovery document, fetched once per process (again after a failure). */
export function oidcConfiguration(env: PortalEnv): Promise<oidc.Configuration> {
  const key = `${env.AUTH_ISSUER} ${env.PORTAL_CLIENT_ID}`;
  if (cached?.key === key) return cached.config;
  const secret = portalClientSecret(env);
  const insecure = new URL(env.AUTH_ISSUER).protocol === 'http:';
  const config = oidc
    .discovery(
      new URL(env.AUTH_ISSUER),
      env.PORTAL_CLIENT_ID,
      { client_secret: secret },
      oidc.ClientSecretBasic(secret),
      // An http issuer is the sandbox on loopback; production refuses it at the auth server.
      insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    )
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  cached = { key, config };
  return config;
}

/** What the browser carries between sign-in and callback (in a short-lived httpOnly cookie). */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** `review`: a reviewer's sign-in that also asks for the workbench's FHIR access */
  access?: 'review';
}

/** The tokens for the FHIR API a reviewer's sign-in brings. */
export interface FhirTokens {
  access: string;
  refresh: string | null;
  scope: string;
  /** Seconds the access token lives */
  expiresIn: number;
}

export function callbackUrl(env: PortalEnv): string {
  return `${env.PORTAL_URL}/api/auth/callback`;
}

/**
 * Only paths of the portal itself may follow sign-in (no open redirect). Browsers drop tabs and newlines
 * and read a backslash as a slash, so any of those (or other control characters) refuses the value; what
 * is kept is re-serialised by the URL parser, so it is percent-encoded and safe in a Location header.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 2048 || !/^\/(?![/\\])/.test(value)) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return '/';
  const base = 'http://portal.invalid';
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    return '/';
  }
  if (parsed.origin !== base) return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

export async function startLogin(
  env: PortalEnv,
  options: { returnTo: string; locale: string; access?: 'review' },
): Promise<{ url: URL; login: LoginState }> {
  const config = await oidcConfiguration(env);
  const login: LoginState = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    returnTo: safeReturnPath(options.returnTo),
    ...(options.access ? { access: options.access } : {}),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(env),
    scope: options.access === 'review' ? `openid profile ${PORTAL_REVIEW_SCOPES}` : 'openid profile',
    response_type: 'code',
    state: login.state,
    nonce: login.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
    code_challenge_method: 'S256',
    ui_locales: options.locale,
    // The auth server wants every authorization request to name the FHIR API it serves.
    aud: env.FHIR_BASE_URL,
  });
  return { url, login };
}

/**
 * Redeems the code; returns the account id (`sub`), the id token (kept for sign-out) and, when the
 * sign-in asked for FHIR access, its tokens.
 */
export async function finishLogin(
  env: PortalEnv,
  currentUrl: URL,
  login: LoginState,
): Promise<{ userId: string; idToken: string; fhir: FhirTokens | null }> {
  const config = await oidcConfiguration(env);
  // The callback arrives at the public URL; the request may have come in on another host name.
  const received = new URL(callbackUrl(env));
  received.search = currentUrl.search;
  const tokens = await oidc.authorizationCodeGrant(config, received, {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims?.sub || !tokens.id_token) throw new Error('the auth server returned no id token');
  return { userId: claims.sub, idToken: tokens.id_token, fhir: login.access ? fhirTokensOf(tokens) : null };
}

function fhirTokensOf(tokens: oidc.TokenEndpointResponse): FhirTokens {
  return {
    access: tokens.access_token,
    refresh: tokens.refresh_token ?? null,
    scope: tokens.scope ?? '',
    expiresIn: tokens.expires_in ?? 300,
  };
}

/** New FHIR tokens for a refresh token (single-use: the answer carries the next one). */
export async function refreshFhirTokens(env: PortalEnv, refreshToken: string): Promise<FhirTokens> {
  const config = await oidcConfiguration(env);
  return fhirTokensOf(await oidc.refreshTokenGrant(config, refreshToken));
}

/** Where the browser goes to end its session at the auth server too. */
export async function endSessionUrl(env: PortalEnv, idToken: string | null): Promise<URL> {
  const config = await oidcConfiguration(env);
  return oidc.buildEndSessionUrl(config, {
    client_id: env.PORTAL_CLIENT_ID,
    post_logout_redirect_uri: `${env.PORTAL_URL}/`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  });
}
