// The portal server's process-wide things: its settings, its logger and its database, each made once.
import { type Database, openDatabase } from '@openpas/db';
import { pino } from 'pino';
import { type PortalEnv, readPortalEnv } from '../env.ts';

interface Runtime {
  env: PortalEnv;
  logger: pino.Logger;
  db: Promise<Database>;
}

// Kept on globalThis so that a development server's module reloads reuse one pool.
const holder = globalThis as typeof globalThis & { __openpasPortal?: Runtime };

function createRuntime(): Runtime {
  const env = readPortalEnv();
  const logger = pino({
    level: env.LOG_LEVEL,
    base: { app: 'portal' },
    redact: {
      paths: ['authorization', 'cookie', 'token', 'password', 'client_secret', '*.cookie', '*.password'],
      censor: '[redacted]',
    },
  });
  // The migrations are applied by `./openpas start` (or db:migrate) before the portal starts.
  const db = openDatabase({ migrate: false });
  return { env, logger, db };
}

export function runtime(): Runtime {
  holder.__openpasPortal ??= createRuntime();
  return holder.__openpasPortal;
}
