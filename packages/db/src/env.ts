import { resolve } from 'node:path';
import { createEnv, type EnvOf, type EnvSource, publicUrlsEnv, sandboxEnv } from '@openpas/env';
import { z } from 'zod';

const repoRoot = resolve(import.meta.dirname, '../../..');

/** The database settings every process that opens the database reads; apps extend it. */
export const dbEnv = createEnv({
  name: 'database',
  extends: [sandboxEnv],
  schema: {
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    OPENPAS_DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
    OPENPAS_EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
    OPENPAS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * How long a request waits for a database connection (a free one in the pool, or a new one) before
     * it fails; the servers answer it 503 with Retry-After instead of queueing without end.
     */
    OPENPAS_DB_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  },
});

export type DbEnv = EnvOf<typeof dbEnv>;

/** Database settings from the environment, validated once. */
export function readDbEnv(source?: EnvSource): DbEnv {
  return dbEnv.read(source);
}

export { sandboxEnabled } from '@openpas/env';

/** What the sandbox seed reads: the database settings and the apps' public URLs for the clients' redirects. */
export const seedEnv = createEnv({
  name: 'sandbox seed',
  extends: [dbEnv, publicUrlsEnv],
  schema: {
    /** The portal's client secret at the auth server (client `openpas-portal`); unset: the sandbox's */
    PORTAL_CLIENT_SECRET: z
      .string()
      .min(16, 'PORTAL_CLIENT_SECRET must be at least 16 characters')
      .optional(),
  },
});

/** The sandbox's portal client secret, used when PORTAL_CLIENT_SECRET is not set (refused in production). */
export const SANDBOX_PORTAL_CLIENT_SECRET = 'sandbox-portal-secret';

export type SeedConfig = EnvOf<typeof seedEnv>;

export function readSeedConfig(source?: EnvSource): SeedConfig {
  return seedEnv.read(source);
}
