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
     * Comma-separated FHIR packages of implementation guides (`.tgz` files, or folders of conformance
     * resources such as a guide's `definitions/`) loaded after the bundled TWPAS package.
     */
    FHIR_IG_PATH: z.string().trim().min(1).optional(),
    /** `off`: the bundled TWPAS package is not loaded, FHIR_IG_PATH replaces it (and is then required). */
    FHIR_IG_BUNDLED: z.enum(['on', 'off']).default('on'),
    /** `off`: submissions and $validate skip the guide layer (the built-in rules still apply). */
    FHIR_GUIDE_VALIDATION: z.enum(['on', 'off']).default('on'),
    /** Worker threads of the guide layer; unset: half the cores, at least one. */
    FHIR_GUIDE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  },
});

export type FhirEnv = EnvOf<typeof fhirEnv>;

/** The FHIR API's settings, validated once at start; nothing else reads process.env. */
export function readFhirEnv(source?: EnvSource): FhirEnv {
  return fhirEnv.read(source);
}
