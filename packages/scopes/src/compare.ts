import { typeCovers } from './cover.ts';
import { formatScope } from './format.ts';
import { paramsInclude } from './params.ts';
import { PERMISSION_LETTERS, type ResourceScope, type Scope } from './types.ts';

/**
 * Whether everything `a` grants is also granted by `b`. Resource permissions are compared letter by
 * letter, so `patient/Observation.r patient/Observation.s` is a subset of `patient/Observation.rs` and
 * the other way round; contexts never stand in for each other.
 */
export function isSubset(a: ReadonlyArray<Scope>, b: ReadonlyArray<Scope>): boolean {
  const bResources = b.filter((scope): scope is ResourceScope => scope.kind === 'resource');
  const bOthers = new Set(b.filter((scope) => scope.kind !== 'resource').map((s) => formatScope(s)));
  return a.every((scope) => {
    if (scope.kind !== 'resource') return bOthers.has(formatScope(scope));
    return PERMISSION_LETTERS.every(
      (letter) =>
        !scope.permissions[letter] ||
        bResources.some(
          (granted) =>
            granted.permissions[letter] &&
            granted.context === scope.context &&
            typeCovers(granted.resourceType, scope.resourceType) &&
            paramsInclude(scope.params, granted.params),
        ),
    );
  });
}

/** Whether two scope sets grant the same access (each is a subset of the other). */
export function equals(a: ReadonlyArray<Scope>, b: ReadonlyArray<Scope>): boolean {
  return isSubset(a, b) && isSubset(b, a);
}
