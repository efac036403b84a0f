import { sandboxEnabled } from '@openpas/env';
import type { LaunchEnv } from '../env.ts';

/** What the browser app needs to know of its deployment, served as /config.json (public values only). */
export interface BrowserConfig {
  clientId: string;
  /** The FHIR base a standalone launch starts from */
  fhirBaseUrl: string;
  /** The authorization server (the sandbox launcher's directory and launch live there) */
  issuer: string;
  /** Where the app itself is reached: its redirect URI is `${appUrl}/callback` */
  appUrl: string;
  sandbox: boolean;
}

export function browserConfig(env: LaunchEnv): BrowserConfig {
  return {
    clientId: env.LAUNCH_CLIENT_ID,
    fhirBaseUrl: env.FHIR_BASE_URL,
    issuer: env.AUTH_ISSUER,
    appUrl: env.LAUNCH_URL,
    sandbox: sandboxEnabled(env),
  };
}

/**
 * The page's Content-Security-Policy: scripts and styles from the app only; it talks to the FHIR API and
 * the auth server and to nothing else; styling hints (smart_style_url) come from the auth server too.
 */
export function contentSecurityPolicy(env: LaunchEnv): string {
  const origins = [...new Set([new URL(env.FHIR_BASE_URL).origin, new URL(env.AUTH_ISSUER).origin])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${origins.join(' ')}`,
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
