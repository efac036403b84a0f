import { BUNDLED_PACKAGE_PATH, type GuideResources, loadGuideResources } from '@openpas/guide-package';
import { type GuideValidator, startGuidePool } from '@openpas/twpas-validation';
import type { FhirEnv } from './env.ts';
import type { Logger } from './logger.ts';

/** The implementation guides this API serves and validates against. */
export interface GuideLayer {
  /** The FHIR packages loaded, in order: the bundled TWPAS package first unless FHIR_IG_BUNDLED=off */
  paths: readonly string[];
  /** Their conformance resources, by type and canonical URL (read in this thread: terminology, $validate) */
  resources: GuideResources;
  /** The resource type each of their StructureDefinitions constrains, by canonical URL ($validate's profile) */
  profiles: ReadonlyMap<string, string>;
  /** `name#version` of each package */
  packages: readonly string[];
  /** Whether submissions and $validate are checked against the guide (FHIR_GUIDE_VALIDATION) */
  validation: 'on' | 'off';
  /** The guide layer's worker threads, unless validation is off */
  validator: GuideValidator | undefined;
  /** Stops the worker threads once the validations under way have finished */
  close(): Promise<void>;
}

/**
 * The packages to load: the bundled TWPAS package (unless FHIR_IG_BUNDLED=off), then FHIR_IG_PATH's.
 * Throws when that leaves none, so a configuration that drops the bundled guide names its replacement.
 */
export function guidePackagePaths(env: Pick<FhirEnv, 'FHIR_IG_PATH' | 'FHIR_IG_BUNDLED'>): string[] {
  const extra = (env.FHIR_IG_PATH ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path.length > 0);
  const paths = env.FHIR_IG_BUNDLED === 'off' ? extra : [BUNDLED_PACKAGE_PATH, ...extra];
  if (paths.length === 0)
    throw new Error('FHIR_IG_BUNDLED=off needs FHIR_IG_PATH: the packages that replace the bundled guide');
  return paths;
}

const loaded = new Map<string, GuideResources>();

/** The packages read in this thread, once per process for the same list (test servers share them). */
function resourcesOf(paths: readonly string[]): GuideResources {
  const key = paths.join('\u0000');
  let resources = loaded.get(key);
  if (!resources) {
    resources = loadGuideResources(paths);
    loaded.set(key, resources);
  }
  return resources;
}

/**
 * Reads the guide's packages and, unless FHIR_GUIDE_VALIDATION=off, starts the worker threads that
 * validate against them (each loads them once). A package that cannot be read stops the start-up.
 */
export async function startGuideLayer(env: FhirEnv, logger: Logger): Promise<GuideLayer> {
  const paths = guidePackagePaths(env);
  const resources = resourcesOf(paths);
  const packages = resources.packages.map((pkg) => `${pkg.manifest.name}#${pkg.manifest.version}`);
  const validation = env.FHIR_GUIDE_VALIDATION;
  const validator =
    validation === 'on'
      ? await startGuidePool({
          paths,
          ...(env.FHIR_GUIDE_THREADS ? { threads: env.FHIR_GUIDE_THREADS } : {}),
        })
      : undefined;
  const profiles = resources.ofType('StructureDefinition').length;
  if (validator) {
    logger.info(
      {
        packages,
        profiles,
        validation,
        threads: validator.threads,
        threadPriority: validator.threadPriority,
      },
      'implementation guide loaded; guide validation on',
    );
  } else {
    logger.warn(
      { packages, profiles, validation },
      'implementation guide loaded; guide validation OFF (FHIR_GUIDE_VALIDATION=off): submissions are checked by the built-in rules only',
    );
  }
  const types = resources
    .ofType('StructureDefinition')
    .flatMap((sd) =>
      typeof sd.url === 'string' && typeof sd.type === 'string' ? [[sd.url, sd.type] as const] : [],
    );
  return {
    paths,
    resources,
    profiles: new Map(types),
    packages,
    validation,
    validator,
    async close() {
      if (!validator) return;
      await validator.close();
      logger.info({ threads: validator.threads }, 'guide worker threads stopped');
    },
  };
}
