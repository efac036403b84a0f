/**
 * The conformance resources of one or more FHIR packages, held in memory and found by type and by
 * canonical URL: what the validator and the terminology services read.
 */
import { type FhirPackage, type FhirResource, readFhirPackage } from './read.ts';

export interface GuideResources {
  /** The packages, in the order given */
  packages: readonly FhirPackage[];
  /** Every resource of every package, in package order */
  all: readonly FhirResource[];
  /** The resources of one type (e.g. 'StructureDefinition'), in package order */
  ofType(resourceType: string): readonly FhirResource[];
  /**
   * The resource with this canonical URL (`url|version` also works), optionally of one type. When
   * packages define the same URL, the one given later wins (a later package can replace a resource).
   */
  byUrl(url: string, resourceType?: string): FhirResource | undefined;
}

/** Indexes packages already read. */
export function guideResources(packages: readonly FhirPackage[]): GuideResources {
  const all = packages.flatMap((pkg) => pkg.resources);
  const types = new Map<string, FhirResource[]>();
  const urls = new Map<string, FhirResource>();
  for (const resource of all) {
    let list = types.get(resource.resourceType);
    if (!list) {
      list = [];
      types.set(resource.resourceType, list);
    }
    list.push(resource);
    if (typeof resource.url === 'string') {
      urls.set(resource.url, resource);
      if (typeof resource.version === 'string') urls.set(`${resource.url}|${resource.version}`, resource);
    }
  }
  return {
    packages,
    all,
    ofType: (resourceType) => types.get(resourceType) ?? [],
    byUrl(url, resourceType) {
      const found = urls.get(url);
      return found && (!resourceType || found.resourceType === resourceType) ? found : undefined;
    },
  };
}

/** Reads each path (a `.tgz` or a folder, see readFhirPackage) and indexes them together. */
export function loadGuideResources(paths: readonly string[]): GuideResources {
  return guideResources(paths.map(readFhirPackage));
}
