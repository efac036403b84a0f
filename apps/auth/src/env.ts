import { dbEnv, seedEnv } from '@openpas/db/env';
import { createEnv, type EnvOf, type EnvSource, logEnv, publicUrlsEnv } from '@openpas/env';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.ts';

/** The auth server's settings: the database's, the logs', the public URLs, the portal's client secret and its own. */
export const authEnv = createEnv({
  name: 'auth server',
  extends: [dbEnv, logEnv, publicUrlsEnv, seedEnv],
  schema: {
    AUTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    AUTH_HOST: z.string().default('127.0.0.1'),
    /** Comma-separated initial access tokens for RFC 7591 registration (sandbox default when unset, outside production) */
    AUTH_REGISTRATION_TOKENS: z.string().optional(),
    /** Secret that keys the signing of cookies; required in production */
    AUTH_COOKIE_SECRET: z.string().min(32).optional(),
    AUTH_ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(3600).default(300),
    AUTH_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /**
     * Comma-separated IPs and CIDR blocks of the reverse proxies whose X-Forwarded-For is believed for the
     * client address (sign-in throttling, logs); unset: the header is ignored and the socket peer counts
     */
    AUTH_TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
  },
});

export type AuthEnv = EnvOf<typeof authEnv>;

/** The auth server's settings, validated once at start; nothing else reads process.env. */
export function readAuthEnv(source?: EnvSource): AuthEnv {
  return authEnv.read(source);
}
