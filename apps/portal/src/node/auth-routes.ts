// Sign-in, its callback and sign-out, as Request → Response functions the Next route handlers call.
import { cookieOptions, LOGIN_COOKIE, LOGIN_COOKIE_SECONDS, SESSION_COOKIE } from './cookies.ts';
import { keepFhirAccess } from './fhir-access.ts';
import { endSessionUrl, finishLogin, type LoginState, safeReturnPath, startLogin } from './oidc.ts';
import { runtime } from './runtime.ts';
import { crossSiteRefusal } from './same-origin.ts';
import { closeSession, openSession } from './sessions.ts';

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: ReturnType<typeof cookieOptions>): void;
  delete(name: string, options: ReturnType<typeof cookieOptions>): void;
}

function encodeLogin(login: LoginState): string {
  return Buffer.from(JSON.stringify(login)).toString('base64url');
}

function decodeLogin(value: string | undefined): LoginState | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<LoginState>;
    if (parsed.access !== undefined && parsed.access !== 'review') return null;
    if (
      typeof parsed.state === 'string' &&
      typeof parsed.nonce === 'string' &&
      typeof parsed.verifier === 'string' &&
      typeof parsed.returnTo === 'string'
    ) {
      return parsed as LoginState;
    }
  } catch {}
  return null;
}

/**
 * GET /api/auth/signin?returnTo=/path: off to the auth server's sign-in page; with `access=review`, the
 * sign-in also asks for the reviewer workbench's access to the FHIR API.
 */
export async function beginSignIn(url: URL, cookies: CookieJar, locale: string): Promise<string> {
  const { env } = await runtime();
  const { url: authorize, login } = await startLogin(env, {
    returnTo: safeReturnPath(url.searchParams.get('returnTo')),
    locale,
    ...(url.searchParams.get('access') === 'review' ? { access: 'review' as const } : {}),
  });
  cookies.set(LOGIN_COOKIE, encodeLogin(login), cookieOptions(env, '/api/auth', LOGIN_COOKIE_SECONDS));
  return authorize.href;
}

/** GET /api/auth/callback: the code redeemed, a session opened, back where the person was going. */
export async function completeSignIn(url: URL, cookies: CookieJar): Promise<string> {
  const { env, logger } = await runtime();
  const login = decodeLogin(cookies.get(LOGIN_COOKIE));
  cookies.delete(LOGIN_COOKIE, cookieOptions(env, '/api/auth'));
  if (!login) return '/signin-failed?reason=expired';
  if (url.searchParams.get('error')) {
    logger.info({ error: url.searchParams.get('error') }, 'sign-in not completed at the auth server');
    return `/signin-failed?reason=${url.searchParams.get('error') === 'access_denied' ? 'denied' : 'failed'}`;
  }
  try {
    const { userId, idToken, fhir } = await finishLogin(env, url, login);
    // A sign-in for the workbench replaces the session it was asked from.
    await closeSession(cookies.get(SESSION_COOKIE));
    const token = await openSession(userId, idToken);
    if (fhir) await keepFhirAccess(token, fhir);
    cookies.set(SESSION_COOKIE, token, cookieOptions(env, '/', env.PORTAL_SESSION_TTL));
    logger.info({ userId }, 'signed in');
    return login.returnTo;
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'sign-in callback refused');
    return '/signin-failed?reason=failed';
  }
}

/**
 * POST /api/auth/signout: the portal session ends here, then the auth server's. A sign-out posted from
 * another site is not obeyed (back to the home page, still signed in).
 */
export async function signOut(request: Request, cookies: CookieJar): Promise<string> {
  const { env } = await runtime();
  if (crossSiteRefusal(request, env.PORTAL_URL)) return '/';
  const idToken = await closeSession(cookies.get(SESSION_COOKIE));
  cookies.delete(SESSION_COOKIE, cookieOptions(env));
  return (await endSessionUrl(env, idToken)).href;
}
