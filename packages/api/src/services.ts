import type { JwksFetcher } from '@openpas/app-registry';
import type { FastSql } from '@openpas/db';

/** Structured logging as pino offers it; never given a secret or a patient detail. */
export interface ApiLogger {
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
}

/** What the procedures use, made once per process by the portal and put in every request's context. */
export interface ApiServices {
  sql: FastSql;
  logger: ApiLogger;
  /** The portal's public URL (links in mails and logs: the sign-up verification link) */
  portalUrl: string;
  /** The auth server's issuer URL (the sandbox EHR launcher) */
  authIssuer: string;
  /** The sandbox is on: sign-up verification links are logged, sandbox clients may launch */
  sandbox: boolean;
  /** NODE_ENV=production: the stricter redirect URI and JWKS rules */
  production: boolean;
  /** How JWKS URLs are fetched for the registration checks; default: SSRF-guarded fetch */
  fetchJwks?: JwksFetcher;
  /** Runs a queued certification in the background (the portal's process); none: runs stay queued */
  startCertification?: (runId: string) => void;
}
