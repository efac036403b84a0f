import { paramsInclude } from './params.ts';
import { PERMISSION_LETTERS, type ResourceScope } from './types.ts';

/** Whether a scope naming `granted` (a type or `*`) reaches resources of type `requested`. */
export function typeCovers(granted: string, requested: string): boolean {
  return granted === '*' || granted === requested;
}

/**
 * Whether `outer` grants everything `inner` grants: same context, a type at least as wide, constraints
 * no narrower (each of its params is among inner's) and every permission of inner.
 */
export function scopeCovers(outer: ResourceScope, inner: ResourceScope): boolean {
  return (
    outer.context === inner.context &&
    typeCovers(outer.resourceType, inner.resourceType) &&
    paramsInclude(inner.params, outer.params) &&
    PERMISSION_LETTERS.every((letter) => outer.permissions[letter] || !inner.permissions[letter])
  );
}
