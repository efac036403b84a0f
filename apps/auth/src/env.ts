import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.ts';

const url = z.url().transform((value) => value.replace(/\/+$/, ''));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  AUTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  AUTH_HOST: z.string().default('127.0.0.1'),
  AUTH_ISSUER: url.default('http://localhost:3001'),
  FHIR_BASE_URL: url.default('http://localhost:3002/fhir'),
  PORTAL_URL: url.default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  /** The sandbox routes (/sandbox/ehr-launch) are served outside production unless this is 0 */
  OPENPAS_SANDBOX: z.enum(['0', '1']).optional(),
});

export type AuthEnv = z.infer<typeof schema>;

/** The auth server's settings, validated once at start; nothing else reads process.env. */
export function readAuthEnv(env: NodeJS.ProcessEnv = process.env): AuthEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid auth server configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
