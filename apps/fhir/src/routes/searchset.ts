import { type Bundle, searchsetProfiles, subsetResource } from '@openpas/fhir-model';
import { nextPageCursor, type SearchOutcome } from '@openpas/fhir-store';

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
  const cursor = nextPageCursor({ offset, count: request.count, hasNext: result.hasNext });
  if (cursor) {
    const next = new URL(self);
    next.searchParams.set('_cursor', cursor);
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
        // Only matches are subsetted (_summary, _elements); included resources come whole.
        resource: request.subset ? subsetResource(match.resource, request.subset) : match.resource,
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
