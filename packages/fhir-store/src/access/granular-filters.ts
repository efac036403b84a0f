import type { FhirResource } from '@openpas/fhir-model';
import type { ScopeFilter } from '@openpas/scopes';
import { extractIndexRows } from '../search/extract.ts';

/**
 * Granular scopes (`patient/Observation.rs?category=laboratory`) allow a resource only when it matches one
 * of their filters (every pair of one filter); the resource's own token index rows answer that.
 * `null`: the scope has no filter.
 */
export function matchesFilters(resource: FhirResource, filters: readonly ScopeFilter[] | null): boolean {
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
