// Reference index values: the target's type and id, read from `Reference.reference`.

import type { FhirPathItem } from '../fhirpath-adapter.ts';
import { stringField } from './json.ts';

export interface ReferenceTarget {
  targetType: string;
  targetId: string;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const ABSOLUTE = /^https?:\/\//;

/**
 * `Type/id`, `Type/id/_history/v`, or an absolute `http(s)://…/Type/id` (the server's own base; only the
 * last two segments are read). `#contained`, `urn:uuid:`/`urn:oid:` and conditional references give null,
 * as does a type for which `isResourceType` is false or an id that is not a FHIR id.
 */
export function parseReference(
  reference: string,
  isResourceType: (type: string) => boolean,
): ReferenceTarget | null {
  if (reference.startsWith('#') || reference.includes('?') || reference.startsWith('urn:')) return null;
  const absolute = ABSOLUTE.test(reference);
  const segments = (absolute ? reference.replace(ABSOLUTE, '') : reference).split('/');
  if (absolute) segments.shift(); // the host
  if (segments.length >= 4 && segments[segments.length - 2] === '_history') segments.splice(-2, 2);
  if (!absolute && segments.length !== 2) return null;
  const targetType = segments[segments.length - 2];
  const targetId = segments[segments.length - 1];
  if (targetType === undefined || targetId === undefined) return null;
  if (!TYPE.test(targetType) || !ID.test(targetId) || !isResourceType(targetType)) return null;
  return { targetType, targetId };
}

/** The target of a Reference item, or null when the item is not an indexable reference. */
export function referenceTarget(
  item: FhirPathItem,
  isResourceType: (type: string) => boolean,
): ReferenceTarget | null {
  if (item.type !== 'Reference') return null;
  const reference = stringField(item.value, 'reference');
  return reference === null ? null : parseReference(reference, isResourceType);
}
