import { type Bundle, searchsetProfiles, subsetResource, subsets } from '@openpas/fhir-model';
import { nextPageCursor, type SearchOutcome, type StoredResource, storedJson } from '@openpas/fhir-store';

/**
 * A search's page as a searchset Bundle's JSON text: self and next links (a next link only when there is a
 * next page), matches then included resources; a one-case answer claims the TWPAS response profile.
 * Resources go in as the database's text unless a match is subsetted (_summary, _elements).
 */
export function searchsetJson(
  base: string,
  resourceType: string,
  query: URLSearchParams,
  found: SearchOutcome,
): string {
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
  const subset = request.subset && subsets(request.subset) ? request.subset : undefined;
  const entries = [
    ...result.matches.map((match) =>
      entryJson(
        base,
        match,
        'match',
        subset ? JSON.stringify(subsetResource(match.resource, subset)) : undefined,
      ),
    ),
    // Only matches are subsetted; included resources come whole.
    ...result.included.map((item) => entryJson(base, item, 'include')),
  ];
  const [only] = result.matches;
  const profile =
    entries.length === 1 && only && !subset
      ? searchsetProfiles({
          type: 'searchset',
          link,
          entry: [{ resource: only.resource, search: { mode: 'match' } }],
        })
      : [];
  const shell: Bundle = {
    resourceType: 'Bundle',
    ...(profile.length > 0 ? { meta: { profile } } : {}),
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link,
  };
  // FHIR JSON has no empty arrays: an empty page (or a count alone) has no entry.
  if (entries.length === 0) return JSON.stringify(shell);
  // The shell's closing brace gives way to the entries, spliced in as text.
  return `${JSON.stringify(shell).slice(0, -1)},"entry":[${entries.join(',')}]}`;
}

function entryJson(base: string, stored: StoredResource, mode: 'match' | 'include', text?: string): string {
  const fullUrl = JSON.stringify(`${base}/${stored.resourceType}/${stored.id}`);
  return `{"fullUrl":${fullUrl},"resource":${text ?? storedJson(stored)},"search":{"mode":"${mode}"}}`;
}
