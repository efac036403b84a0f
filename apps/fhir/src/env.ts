import { dbEnv } from '@openpas/db/env';
import { createEnv, type EnvOf, type EnvSource, logEnv, publicUrlsEnv } from '@openpas/env';
import { z } from 'zod';

/** The FHIR API's settings: the database's, the logs', the public URLs and its own. */
export const fhirEnv = createEnv({
  name: 'FHIR API',
  extends: [dbEnv, logEnv, publicUrlsEnv],
  schema: {
    FHIR_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    FHIR_HOST: z.string().default('127.0.0.1'),
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
  },
});

export type FhirEnv = EnvOf<typeof fhirEnv>;

/** The FHIR API's settings, validated once at start; nothing else reads process.env. */
export function readFhirEnv(source?: EnvSource): FhirEnv {
  return fhirEnv.read(source);
}
