// The portal's cookies: all httpOnly and SameSite=Lax; Secure whenever the portal is served over https.
import type { PortalEnv } from '../env.ts';

export const SESSION_COOKIE = 'openpas_portal_session';
/** State, nonce and PKCE verifier between sign-in and its callback */
export const LOGIN_COOKIE = 'openpas_portal_login';
export const LOGIN_COOKIE_SECONDS = 600;

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  maxAge?: number;
}

export function cookieOptions(
  env: Pick<PortalEnv, 'PORTAL_URL'>,
  path = '/',
  maxAge?: number,
): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(env.PORTAL_URL).protocol === 'https:',
    path,
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}
