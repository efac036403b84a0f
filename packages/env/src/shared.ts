import { z } from 'zod';
import { createEnv } from './create-env.ts';

/** An absolute URL, kept without trailing slashes so paths can be appended. */
export const publicUrl = z.url().transform((value) => value.replace(/\/+$/, ''));

/** NODE_ENV: `production` switches on the production checks and switches off sandbox defaults. */
export const runtimeEnv = createEnv({
  name: 'runtime',
  schema: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  },
});

/** LOG_LEVEL of the structured (pino) logs. */
export const logEnv = createEnv({
  name: 'logging',
  schema: {
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
});

/** Where each app is reached from outside: tokens, links, redirect URIs and discovery are built on them. */
export const publicUrlsEnv = createEnv({
  name: 'public URLs',
  schema: {
    AUTH_ISSUER: publicUrl.default('http://localhost:3001'),
    FHIR_BASE_URL: publicUrl.default('http://localhost:3002/fhir'),
    PORTAL_URL: publicUrl.default('http://localhost:3000'),
    LAUNCH_URL: publicUrl.default('http://localhost:3003'),
  },
});

/** OPENPAS_SANDBOX (`0` or `1`); read its meaning with sandboxEnabled(). */
export const sandboxEnv = createEnv({
  name: 'sandbox',
  extends: [runtimeEnv],
  schema: {
    OPENPAS_SANDBOX: z.enum(['0', '1']).optional(),
  },
});

/**
 * The one meaning of OPENPAS_SANDBOX: the sandbox is on unless it is `0`, and off by default when
 * NODE_ENV=production (where `1` is refused by the auth server's start-up checks).
 */
export function sandboxEnabled(env: {
  NODE_ENV: 'development' | 'test' | 'production';
  OPENPAS_SANDBOX?: '0' | '1' | undefined;
}): boolean {
  if (env.OPENPAS_SANDBOX) return env.OPENPAS_SANDBOX === '1';
  return env.NODE_ENV !== 'production';
}
