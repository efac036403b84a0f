import type { FhirResource } from '@openpas/fhir';
import { extractIndexRows } from '@openpas/fhir-store';

/**
 * Granular scopes (`patient/Observation.rs?category=laboratory`) allow a resource only when it matches one
 * of their filters; the resource's own index rows answer that.
 */
export function matchesFilters(
  resource: FhirResource,
  filters: ReadonlyArray<ReadonlyArray<readonly [string, string]>> | null,
): boolean {
  if (filters === null) return true;
  const rows = extractIndexRows(resource);
  return filters.some((filter) =>
    filter.every(([name, value]) => {
      const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
      return rows.tokens.some(
        (row) =>
          row.param === name &&
          row.code === code &&
          (system === undefined || row.system === (system || null)),
      );
    }),
  );
}
