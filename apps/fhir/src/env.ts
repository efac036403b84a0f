import { z } from 'zod';

const url = z.url().transform((value) => value.replace(/\/+$/, ''));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  FHIR_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  FHIR_HOST: z.string().default('127.0.0.1'),
  FHIR_BASE_URL: url.default('http://localhost:3002/fhir'),
  AUTH_ISSUER: url.default('http://localhost:3001'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FHIR_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  FHIR_MAX_BUNDLE_ENTRIES: z.coerce.number().int().min(1).default(1000),
  FHIR_MAX_COUNT: z.coerce.number().int().min(1).max(1000).default(100),
  /** Bundle submissions (and $validate dry runs) one process handles at once; more wait their turn. */
  FHIR_SUBMIT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /**
   * Comma-separated folders of implementation-guide conformance resources (StructureDefinitions,
   * ValueSets, CodeSystems as JSON); when set, submissions are also validated against them.
   */
  FHIR_IG_PATH: z.string().trim().min(1).optional(),
});

export type FhirEnv = z.infer<typeof schema>;

/** The FHIR API's settings, validated once at start; nothing else reads process.env. */
export function readFhirEnv(env: NodeJS.ProcessEnv = process.env): FhirEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid FHIR API configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
