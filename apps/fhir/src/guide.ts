import { type ImplementationGuide, loadImplementationGuide } from '@openpas/twpas-validation';

/**
 * The implementation guide named by FHIR_IG_PATH (comma-separated folders of conformance resources), or
 * undefined when none is configured. Loaded once per process (loadImplementationGuide caches it); the
 * server calls this at start-up so that a wrong path stops it there, not at the first submission.
 */
export function guideFor(igPath: string | undefined): ImplementationGuide | undefined {
  if (!igPath) return undefined;
  const dirs = igPath
    .split(',')
    .map((dir) => dir.trim())
    .filter((dir) => dir.length > 0);
  return dirs.length > 0 ? loadImplementationGuide(dirs) : undefined;
}
