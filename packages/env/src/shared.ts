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
