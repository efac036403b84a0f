import { randomUUID } from 'node:crypto';
import type { Bundle, FhirResource } from '@openpas/fhir-model';

/**
 * Gives every entry of a submitted Bundle a server id and rewrites the references between entries
 * (urn:uuid fullUrls, absolute fullUrls and relative `Type/id` of an entry) to `Type/<server id>`.
 * References to anything outside the Bundle are left as they are. An entry listed in `existing` (by its
 * index in `bundle.entry`) stands for a record already stored: it takes that record's id and is named in
 * `existingKeys`, so that it is referenced but not created.
 */
export function assignServerIds(
  bundle: Bundle,
  existing: ReadonlyMap<number, string> = new Map(),
): {
  resources: FhirResource[];
  byFullUrl: Map<string, string>;
  existingKeys: Set<string>;
} {
  const byFullUrl = new Map<string, string>();
  const existingKeys = new Set<string>();
  const entries = (bundle.entry ?? []).flatMap((entry, index) => (entry.resource ? [{ entry, index }] : []));
  const planned = entries.map(({ entry, index }) => {
    const resource = entry.resource as FhirResource;
    const target = `${resource.resourceType}/${existing.get(index) ?? randomUUID()}`;
    if (existing.has(index)) existingKeys.add(target);
    if (entry.fullUrl) {
      byFullUrl.set(entry.fullUrl, target);
      // An absolute fullUrl ending in Type/id also answers to the relative form.
      const tail = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(entry.fullUrl)?.[1];
      if (tail && !entry.fullUrl.startsWith('urn:')) byFullUrl.set(tail, target);
    }
    if (resource.id) byFullUrl.set(`${resource.resourceType}/${resource.id}`, target);
    return { resource, target };
  });
  const resources = planned.map(({ resource, target }) => {
    const rewritten = rewrite(resource, byFullUrl) as FhirResource;
    return { ...rewritten, id: target.split('/')[1] } as FhirResource;
  });
  return { resources, byFullUrl, existingKeys };
}

export function rewrite(value: unknown, byFullUrl: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, byFullUrl));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === 'reference' && typeof item === 'string'
          ? (byFullUrl.get(item) ?? item)
          : rewrite(item, byFullUrl);
    }
    return out;
  }
  return value;
}
