// The portal server's process-wide things: its settings, logger, database and the API's services, each
// made once.
import { type ApiServices, sweepPortalSessions } from '@openpas/api';
import { startCertificationInBackground } from '@openpas/certification';
import { type Database, type FastSql, openDatabase, openFastSql, sandboxEnabled } from '@openpas/db';
import { pino } from 'pino';
import { type PortalEnv, readPortalEnv } from '../env.ts';

export interface Runtime {
  env: PortalEnv;
  logger: pino.Logger;
  db: Database;
  sql: FastSql;
  services: ApiServices;
}

const SWEEP_INTERVAL_MS = 3600_000;

// Kept on globalThis so that a development server's module reloads reuse one pool.
const holder = globalThis as typeof globalThis & { __openpasPortal?: Promise<Runtime> };

export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    base: { app: 'portal' },
    redact: {
      paths: ['authorization', 'cookie', 'token', 'password', 'client_secret', '*.cookie', '*.password'],
      censor: '[redacted]',
    },
  });
}

async function createRuntime(): Promise<Runtime> {
  const env = readPortalEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // The migrations are applied by `./openpas start` (or db:migrate) before the portal starts.
  const db = await openDatabase({ migrate: false });
  const sql = await openFastSql(db);
  const services: ApiServices = {
    sql,
    logger,
    portalUrl: env.PORTAL_URL,
    authIssuer: env.AUTH_ISSUER,
    sandbox: sandboxEnabled(env),
    production: env.NODE_ENV === 'production' && !sandboxEnabled(env),
  };
  // Certification drives apps through the sandbox, so it runs only where the sandbox is on.
  if (services.sandbox) {
    services.startCertification = (runId) =>
      startCertificationInBackground(
        sql,
        runId,
        { issuer: env.AUTH_ISSUER, fhirBaseUrl: env.FHIR_BASE_URL, production: services.production },
        logger,
      );
  }
  // Expired sessions are refused when read; once an hour any instance removes them.
  setInterval(() => {
    sweepPortalSessions(sql)
      .then((removed) => removed > 0 && logger.info({ removed }, 'expired portal sessions removed'))
      .catch((error: unknown) => logger.warn({ err: String(error) }, 'portal session sweep failed'));
  }, SWEEP_INTERVAL_MS).unref();
  logger.info({ database: db.kind, sandbox: services.sandbox }, 'portal ready');
  return { env, logger, db, sql, services };
}

export function runtime(): Promise<Runtime> {
  holder.__openpasPortal ??= createRuntime().catch((error: unknown) => {
    holder.__openpasPortal = undefined;
    throw error;
  });
  return holder.__openpasPortal;
}
