/**
 * The parsed request Bundle the rules work on: each entry with its index, fullUrl, resource, declared
 * profiles and the FHIRPath prefix of its resource, and reference resolution inside the Bundle.
 */
import { isObject, type JsonObject, list, str } from '@openpas/ig-validation/json';

export interface EntryInfo {
  index: number;
  /** The entry itself (may be anything the client sent). */
  entry: unknown;
  fullUrl?: string;
  resource?: JsonObject;
  resourceType?: string;
  id?: string;
  profiles: string[];
  /** FHIRPath of the resource, e.g. `Bundle.entry[3].resource.ofType(Claim)`. */
  path: string;
}

export interface BundleContext {
  bundle: JsonObject;
  /** Bundle.meta.profile values. */
  bundleProfiles: string[];
  entries: EntryInfo[];
  /** The first Claim entry, if any. */
  claim?: EntryInfo;
  /** The entry a reference points at: urn:uuid or absolute by fullUrl, relative `Type/id` by type and id. */
  resolve(reference: string): EntryInfo | undefined;
  /** Entries whose meta.profile names the URL. */
  withProfile(url: string): EntryInfo[];
}

function profilesOf(resource: JsonObject | undefined): string[] {
  const meta = resource?.meta;
  return isObject(meta) ? list(meta.profile).flatMap((p) => (typeof p === 'string' ? [p] : [])) : [];
}

function entryInfo(entry: unknown, index: number): EntryInfo {
  const info: EntryInfo = { index, entry, profiles: [], path: `Bundle.entry[${index}].resource` };
  if (!isObject(entry)) return info;
  const fullUrl = str(entry.fullUrl);
  if (fullUrl !== undefined) info.fullUrl = fullUrl;
  if (!isObject(entry.resource)) return info;
  const resource = entry.resource;
  info.resource = resource;
  info.profiles = profilesOf(resource);
  const resourceType = str(resource.resourceType);
  if (resourceType !== undefined) {
    info.resourceType = resourceType;
    info.path = `Bundle.entry[${index}].resource.ofType(${resourceType})`;
  }
  const id = str(resource.id);
  if (id !== undefined) info.id = id;
  return info;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export function createContext(bundle: JsonObject): BundleContext {
  const entries = list(bundle.entry).map(entryInfo);
  const byFullUrl = new Map<string, EntryInfo>();
  const byTypeAndId = new Map<string, EntryInfo>();
  for (const entry of entries) {
    if (entry.fullUrl !== undefined && !byFullUrl.has(entry.fullUrl)) byFullUrl.set(entry.fullUrl, entry);
    if (entry.resourceType && entry.id) byTypeAndId.set(`${entry.resourceType}/${entry.id}`, entry);
  }
  const context: BundleContext = {
    bundle,
    bundleProfiles: profilesOf(bundle),
    entries,
    resolve(reference) {
      const exact = byFullUrl.get(reference);
      if (exact) return exact;
      const relative = RELATIVE.exec(reference);
      if (!relative) return undefined;
      const key = `${relative[1]}/${relative[2]}`;
      return byTypeAndId.get(key) ?? entries.find((e) => e.fullUrl?.endsWith(`/${key}`));
    },
    withProfile(url) {
      return entries.filter((e) => e.profiles.includes(url));
    },
  };
  const claim = entries.find((e) => e.resourceType === 'Claim');
  if (claim) context.claim = claim;
  return context;
}

/** Whether a reference is one that must resolve inside the Bundle (urn:uuid or relative). */
export function isLocalReference(reference: string): boolean {
  return reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:') || RELATIVE.test(reference);
}
