/**
 * Reference resolution inside a request Bundle: `urn:uuid:` fullUrls, absolute fullUrls
 * (`https://…/Patient/pat-min`) and relative references (`Patient/pat-min`) to entries whose fullUrl
 * ends that way or whose resource has that type and id.
 */
import type { Bundle, BundleEntry, Claim, FhirResource } from '@openpas/fhir-model/browser';
import { fail } from './errors.ts';

export interface BundleIndex {
  readonly bundle: Bundle;
  resolve(reference: string | undefined): FhirResource | undefined;
}

const TYPE_AND_ID = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/;

export function indexBundle(bundle: Bundle): BundleIndex {
  const byKey = new Map<string, FhirResource>();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    if (entry.fullUrl) {
      byKey.set(entry.fullUrl, resource);
      const tail = TYPE_AND_ID.exec(entry.fullUrl)?.[1];
      if (tail && !byKey.has(tail)) byKey.set(tail, resource);
    }
    if (resource.id) {
      const key = `${resource.resourceType}/${resource.id}`;
      if (!byKey.has(key)) byKey.set(key, resource);
    }
  }
  return {
    bundle,
    resolve(reference) {
      if (!reference) return undefined;
      const exact = byKey.get(reference);
      if (exact) return exact;
      const tail = TYPE_AND_ID.exec(reference)?.[1];
      return tail ? byKey.get(tail) : undefined;
    },
  };
}

export function claimEntry(bundle: Bundle): BundleEntry & { resource: Claim } {
  const entry = (bundle.entry ?? []).find((e) => e.resource?.resourceType === 'Claim');
  if (entry?.resource?.resourceType !== 'Claim') {
    fail('claim-missing', '申請 Bundle 沒有 Claim', 'the request Bundle has no Claim');
  }
  return { ...entry, resource: entry.resource };
}
