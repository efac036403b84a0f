import { type Bundle, searchsetProfiles } from '@openpas/fhir';
import { encodeCursor, type SearchOutcome } from '@openpas/fhir-store';

/**
 * A search's page as a searchset Bundle: self and next links (a next link only when there is a next
 * page), matches then included resources; a one-case answer claims the TWPAS response profile.
 */
export function searchsetBundle(
  base: string,
  resourceType: string,
  query: URLSearchParams,
  found: SearchOutcome,
): Bundle {
  const { request, offset, result } = found;
  const self = new URL(`${base}/${resourceType}`);
  for (const [name, value] of query)
    if (name !== '_cursor' && name !== '_page') self.searchParams.append(name, value);
  const link = [{ relation: 'self', url: self.toString() }];
  if (result.hasNext) {
    const next = new URL(self);
    next.searchParams.set('_cursor', encodeCursor({ offset: offset + request.count }));
    link.push({ relation: 'next', url: next.toString() });
  }
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link,
    entry: [
      ...result.matches.map((match) => ({
        fullUrl: `${base}/${match.resource.resourceType}/${match.resource.id}`,
        resource: match.resource,
        search: { mode: 'match' as const },
      })),
      ...result.included.map((item) => ({
        fullUrl: `${base}/${item.resource.resourceType}/${item.resource.id}`,
        resource: item.resource,
        search: { mode: 'include' as const },
      })),
    ],
  };
  const profile = searchsetProfiles(bundle);
  const { resourceType: bundleType, ...rest } = bundle;
  return profile.length > 0 ? ({ resourceType: bundleType, meta: { profile }, ...rest } as Bundle) : bundle;
}
