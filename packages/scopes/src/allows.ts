import { typeCovers } from './cover.ts';
import { resourceScopes } from './lookup.ts';
import { paramsKey } from './params.ts';
import type { PermissionLetter, ResourceScope, Scope, ScopeContext, ScopeParam } from './types.ts';

/**
 * FHIR REST interactions. `history` is instance history (needs `r`); `history-type` is type-level
 * history, which SMART files under search (needs `s`).
 */
export type Interaction =
  | 'create'
  | 'read'
  | 'vread'
  | 'update'
  | 'patch'
  | 'delete'
  | 'search'
  | 'history'
  | 'history-type';

export interface FhirRequest {
  readonly resourceType: string;
  readonly interaction: Interaction;
  /** Decoded search parameters; a repeated parameter is an array. */
  readonly params?: Readonly<Record<string, string | ReadonlyArray<string>>>;
}

/** One granular scope's constraints; every pair must hold. */
export type ScopeFilter = ReadonlyArray<ScopeParam>;

export type DenialReason = 'no-scope' | 'search-params-missing';

export type Decision =
  | {
      readonly allowed: true;
      /** The broadest context among the covering scopes; the FHIR API confines the request by it. */
      readonly context: ScopeContext;
      /**
       * null: unrestricted. Otherwise at least one filter (an AND of its pairs) must hold: a search was
       * only allowed because it already carries one; for every other interaction the FHIR API must check
       * each resource it returns, writes or deletes (history entries too) against them.
       */
      readonly filters: ReadonlyArray<ScopeFilter> | null;
    }
  | { readonly allowed: false; readonly reason: DenialReason; readonly message: string };

export const INTERACTION_PERMISSION: Readonly<Record<Interaction, PermissionLetter>> = {
  create: 'c',
  read: 'r',
  vread: 'r',
  update: 'u',
  patch: 'u',
  delete: 'd',
  search: 's',
  history: 'r',
  'history-type': 's',
};

const BREADTH: Readonly<Record<ScopeContext, number>> = { patient: 0, user: 1, system: 2 };

/** Decides whether granted scopes permit a FHIR request, and under which context and filters. */
export function decide(scopes: ReadonlyArray<Scope>, request: FhirRequest): Decision {
  const letter = INTERACTION_PERMISSION[request.interaction];
  const candidates = resourceScopes(scopes).filter(
    (scope) => scope.permissions[letter] && typeCovers(scope.resourceType, request.resourceType),
  );
  if (candidates.length === 0) {
    return {
      allowed: false,
      reason: 'no-scope',
      message: `no granted scope allows ${request.interaction} on ${request.resourceType}`,
    };
  }
  // A granular scope covers a search only when the search already carries its constraints.
  const covering =
    request.interaction === 'search'
      ? candidates.filter((scope) => searchCarries(request.params ?? {}, scope.params))
      : candidates;
  const broadest = widest(covering);
  if (broadest === undefined) {
    const needed = [...new Set(candidates.map((scope) => paramsKey(scope.params)))].join(' or ');
    return {
      allowed: false,
      reason: 'search-params-missing',
      message: `the granted scopes allow searching ${request.resourceType} only with ${needed}`,
    };
  }
  const inContext = covering.filter((scope) => scope.context === broadest);
  return { allowed: true, context: broadest, filters: filtersOf(inContext) };
}

/** Whether granted scopes permit a FHIR request (see `decide` for the conditions that come with it). */
export function allows(scopes: ReadonlyArray<Scope>, request: FhirRequest): boolean {
  return decide(scopes, request).allowed;
}

function searchCarries(
  params: Readonly<Record<string, string | ReadonlyArray<string>>>,
  required: ReadonlyArray<ScopeParam>,
): boolean {
  return required.every(([name, value]) => {
    const given = Object.hasOwn(params, name) ? params[name] : undefined;
    return typeof given === 'string' ? given === value : (given?.includes(value) ?? false);
  });
}

function widest(scopes: ReadonlyArray<ResourceScope>): ScopeContext | undefined {
  let best: ScopeContext | undefined;
  for (const scope of scopes) {
    if (best === undefined || BREADTH[scope.context] > BREADTH[best]) best = scope.context;
  }
  return best;
}

function filtersOf(scopes: ReadonlyArray<ResourceScope>): ReadonlyArray<ScopeFilter> | null {
  if (scopes.some((scope) => scope.params.length === 0)) return null;
  const byKey = new Map<string, ScopeFilter>();
  for (const scope of scopes) {
    const key = paramsKey(scope.params);
    if (!byKey.has(key)) byKey.set(key, scope.params);
  }
  return [...byKey.values()];
}
