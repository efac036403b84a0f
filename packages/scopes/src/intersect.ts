import { scopeCovers } from './cover.ts';
import { formatScope } from './format.ts';
import { paramsInclude } from './params.ts';
import { permissionLetters } from './permissions.ts';
import {
  PERMISSION_LETTERS,
  type Permissions,
  type ResourceScope,
  type Scope,
  type ScopeParam,
} from './types.ts';

const V1_EXPRESSIBLE = new Set(['rs', 'cud', 'cruds']);

/**
 * Narrows `requested` to what `allowed` permits: each requested resource scope is cut down by every
 * allowed scope of the same context (type, permissions and params), special and other scopes survive
 * only when both sides hold them. The result never grants more than either side, so consent, refresh
 * and client registration can only narrow. Results that another result fully covers are left out.
 */
export function intersect(requested: ReadonlyArray<Scope>, allowed: ReadonlyArray<Scope>): Scope[] {
  const allowedResources = allowed.filter((scope): scope is ResourceScope => scope.kind === 'resource');
  const allowedOthers = new Set(
    allowed.filter((scope) => scope.kind !== 'resource').map((s) => formatScope(s)),
  );
  const result: Scope[] = [];
  for (const scope of requested) {
    if (scope.kind !== 'resource') {
      if (allowedOthers.has(formatScope(scope))) result.push(scope);
      continue;
    }
    for (const limit of allowedResources) {
      const narrowed = narrow(scope, limit);
      if (narrowed !== null) result.push(narrowed);
    }
  }
  return withoutRedundant(result);
}

function narrow(requested: ResourceScope, limit: ResourceScope): ResourceScope | null {
  if (requested.context !== limit.context) return null;
  let resourceType: string;
  if (requested.resourceType === '*') resourceType = limit.resourceType;
  else if (limit.resourceType === '*' || limit.resourceType === requested.resourceType) {
    resourceType = requested.resourceType;
  } else return null;

  const permissions = both(requested.permissions, limit.permissions);
  const letters = permissionLetters(permissions);
  if (letters === '') return null;

  // Constraints add up (AND): keep the requested ones, then any the limit adds.
  const params: ScopeParam[] = [...requested.params];
  for (const pair of limit.params) if (!paramsInclude(params, [pair])) params.push(pair);

  const version =
    requested.version === 'v1' && params.length === 0 && V1_EXPRESSIBLE.has(letters) ? 'v1' : 'v2';
  return { kind: 'resource', context: requested.context, resourceType, permissions, params, version };
}

function both(a: Permissions, b: Permissions): Permissions {
  const result = { c: false, r: false, u: false, d: false, s: false };
  for (const letter of PERMISSION_LETTERS) result[letter] = a[letter] && b[letter];
  return result;
}

function withoutRedundant(scopes: ReadonlyArray<Scope>): Scope[] {
  const seen = new Set<string>();
  const unique = scopes.filter((scope) => {
    const key = formatScope(scope);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.filter((scope, index) => {
    if (scope.kind !== 'resource') return true;
    return !unique.some((other, otherIndex) => {
      if (otherIndex === index || other.kind !== 'resource' || !scopeCovers(other, scope)) return false;
      // Two scopes that cover each other mean the same: keep the first.
      return !scopeCovers(scope, other) || otherIndex < index;
    });
  });
}
