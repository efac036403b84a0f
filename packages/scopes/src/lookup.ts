import { formatScope } from './format.ts';
import { parseScope } from './parse.ts';
import {
  type ResourceScope,
  SCOPE_CONTEXTS,
  type Scope,
  type ScopeContext,
  type SpecialScopeKind,
} from './types.ts';

export function isResourceScope(scope: Scope): scope is ResourceScope {
  return scope.kind === 'resource';
}

/** The resource scopes of a set, in order. */
export function resourceScopes(scopes: ReadonlyArray<Scope>): ResourceScope[] {
  return scopes.filter(isResourceScope);
}

/** Which contexts the resource scopes of a set use, in the order patient, user, system. */
export function contexts(scopes: ReadonlyArray<Scope>): ScopeContext[] {
  const used = new Set(resourceScopes(scopes).map((scope) => scope.context));
  return SCOPE_CONTEXTS.filter((context) => used.has(context));
}

/**
 * Whether the set holds exactly this scope (compared in canonical form, so `patient/*.read` finds
 * `patient/*.rs`). It does not ask whether a broader scope covers it: use `isSubset` for that.
 */
export function hasScope(
  scopes: ReadonlyArray<Scope>,
  scope: SpecialScopeKind | (string & Record<never, never>),
): boolean {
  let wanted: string;
  try {
    wanted = formatScope(parseScope(scope));
  } catch {
    return false;
  }
  return scopes.some((held) => formatScope(held) === wanted);
}
