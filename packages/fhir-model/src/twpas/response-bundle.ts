import type { Bundle } from 'fhir/r4.js';
import { TWPAS_PROFILES } from './canonical.ts';

type Searchset = Pick<Bundle, 'type' | 'entry' | 'link'>;

function hasProfile(resource: { meta?: { profile?: string[] } } | undefined, url: string): boolean {
  return resource?.meta?.profile?.includes(url) ?? false;
}

/**
 * The profiles a searchset Bundle can truthfully claim. Bundle-response-twpas is a searchset whose
 * entries are closed to exactly one ClaimResponse-twpas (a `match`), with a `self` link only — the
 * answer to a TWPAS search that finds one case without `_include`. Any other searchset claims none.
 */
export function searchsetProfiles(bundle: Searchset): string[] {
  if (bundle.type !== 'searchset') return [];
  const entries = bundle.entry ?? [];
  const [only] = entries;
  if (entries.length !== 1 || !only) return [];
  if (only.resource?.resourceType !== 'ClaimResponse') return [];
  if (!hasProfile(only.resource, TWPAS_PROFILES.claimResponse)) return [];
  if (only.search?.mode !== undefined && only.search.mode !== 'match') return [];
  if (!(bundle.link ?? []).every((link) => link.relation === 'self')) return [];
  return [TWPAS_PROFILES.bundleResponse];
}
