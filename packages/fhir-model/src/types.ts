/** FHIR R4 (4.0.1) types for the whole repository, from `@types/fhir`'s `fhir/r4`. */
import type { FhirResource, Bundle as R4Bundle, BundleEntry as R4BundleEntry, Resource } from 'fhir/r4.js';

export type * from 'fhir/r4.js';

/** Every concrete resourceType value. */
export type ResourceType = FhirResource['resourceType'];

/** The resource interface for a resourceType: `ResourceOfType<'Claim'>` is `Claim`. */
export type ResourceOfType<T extends ResourceType> = Extract<FhirResource, { resourceType: T }>;

// Bundles here hold concrete resources by default (the union), so `entry.resource.resourceType` narrows.
export type Bundle<T extends Resource = FhirResource> = R4Bundle<T>;
export type BundleEntry<T extends Resource = FhirResource> = R4BundleEntry<T>;
