import { BUNDLED_PACKAGE_PATH, type GuideResources, loadGuideResources } from '@openpas/guide-package';
import type { Terminology } from '@openpas/terminology';
import { type GuideValidator, startGuidePool } from '@openpas/twpas-validation';
import type { FhirEnv } from './env.ts';
import type { Logger } from './logger.ts';
import { buildTerminology } from './terminology.ts';

/** The implementation guides this API serves and validates against. */
export interface GuideLayer {
  /** The FHIR packages loaded, in order: the bundled TWPAS package first unless FHIR_IG_BUNDLED=off */
  paths: readonly string[];
  /** The server CapabilityStatements of the guides, which /metadata instantiates */
  instantiates: readonly string[];
  /** Their CodeSystems and ValueSets: read, search, $expand, $lookup, $validate-code */
  terminology: Terminology;
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

/**
 * The server CapabilityStatements of the loaded guides (kind `requirements`, a `server` rest): what this one
 * instantiates. test/guide-capability.int.test.ts checks each of their SHALLs against the running API.
 */
export function instantiated(guides: GuideResources): string[] {
  return guides
    .ofType('CapabilityStatement')
    .filter(
      (statement) =>
        statement.kind === 'requirements' &&
        Array.isArray(statement.rest) &&
        statement.rest.some((rest: { mode?: string }) => rest.mode === 'server') &&
        typeof statement.url === 'string',
    )
    .map((statement) => statement.url as string);
}

/** What this thread keeps of the packages. */
type GuideCatalog = Pick<GuideLayer, 'packages' | 'profiles' | 'instantiates' | 'terminology'> & {
  structureDefinitions: number;
};

const catalogs = new Map<string, GuideCatalog>();

/**
 * Reads the packages in this thread, once per process for the same list (test servers share it), and keeps
 * only what the API answers from: not the resources themselves. Held for the life of the process, their
 * object graph (half a million objects, the profiles' snapshots above all) would be marked again by every
 * major collection of this thread, the one that answers every request (the worker threads hold their own).
 */
function catalogOf(paths: readonly string[], logger: Logger): GuideCatalog {
  const key = paths.join('\u0000');
  let catalog = catalogs.get(key);
  if (catalog) return catalog;
  const resources = loadGuideResources(paths);
  const structureDefinitions = resources.ofType('StructureDefinition');
  catalog = {
    packages: resources.packages.map((pkg) => `${pkg.manifest.name}#${pkg.manifest.version}`),
    profiles: new Map(
      structureDefinitions.flatMap((sd) =>
        typeof sd.url === 'string' && typeof sd.type === 'string' ? [[sd.url, sd.type] as const] : [],
      ),
    ),
    instantiates: instantiated(resources),
    terminology: buildTerminology(resources, logger),
    structureDefinitions: structureDefinitions.length,
  };
  catalogs.set(key, catalog);
  return catalog;
}

/**
 * Reads the guide's packages and, unless FHIR_GUIDE_VALIDATION=off, starts the worker threads that
 * validate against them (each loads them once). A package that cannot be read stops the start-up.
 */
export async function startGuideLayer(env: FhirEnv, logger: Logger): Promise<GuideLayer> {
  const paths = guidePackagePaths(env);
  const { structureDefinitions: profiles, ...catalog } = catalogOf(paths, logger);
  const packages = catalog.packages;
  const validation = env.FHIR_GUIDE_VALIDATION;
  const validator =
    validation === 'on'
      ? await startGuidePool({
          paths,
          ...(env.FHIR_GUIDE_THREADS ? { threads: env.FHIR_GUIDE_THREADS } : {}),
        })
      : undefined;
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
  return {
    ...catalog,
    paths,
    validation,
    validator,
    async close() {
      if (!validator) return;
      await validator.close();
      logger.info({ threads: validator.threads }, 'guide worker threads stopped');
    },
  };
}
