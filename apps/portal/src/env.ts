import { SANDBOX_PORTAL_CLIENT_SECRET, seedEnv } from '@openpas/db/env';
import { createEnv, type EnvOf, type EnvSource, logEnv, publicUrlsEnv } from '@openpas/env';
import { z } from 'zod';

/** The portal's settings: the database's and the seed's (its client secret), the logs', the public URLs and its own. */
export const portalEnv = createEnv({
  name: 'portal',
  extends: [seedEnv, logEnv, publicUrlsEnv],
  schema: {
    PORTAL_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PORTAL_HOST: z.string().default('127.0.0.1'),
    /** The portal's OpenID Connect client at the auth server */
    PORTAL_CLIENT_ID: z.string().min(1).default('openpas-portal'),
    /** How long a portal session lasts without sign-in, seconds */
    PORTAL_SESSION_TTL: z.coerce
      .number()
      .int()
      .min(300)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
  },
});

export type PortalEnv = EnvOf<typeof portalEnv>;

/** The sandbox client's secret (CONTRACT.md: client `openpas-portal`); production must set its own. */
export const SANDBOX_PORTAL_SECRET = SANDBOX_PORTAL_CLIENT_SECRET;

/** The portal's settings, validated once; nothing else in the portal reads process.env. */
export function readPortalEnv(source?: EnvSource): PortalEnv {
  return portalEnv.read(source);
}

/** The client secret in force: the configured one, or the sandbox's outside production. */
export function portalClientSecret(env: PortalEnv): string {
  if (env.PORTAL_CLIENT_SECRET) return env.PORTAL_CLIENT_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('PORTAL_CLIENT_SECRET is required in production');
  return SANDBOX_PORTAL_SECRET;
}
