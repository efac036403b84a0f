import { ScopeError } from './errors.ts';
import { encodeParamText } from './params.ts';
import { permissionLetters } from './permissions.ts';
import { type ResourceScope, SCOPE_CONTEXTS, type Scope, SPECIAL_SCOPE_KINDS } from './types.ts';

export interface FormatOptions {
  /**
   * Print scopes that were requested in v1 form (`.read`, `.write`, `.*`) back in that form, as SMART
   * asks of servers that grant v1 requests. Default false: always v2.
   */
  readonly keepV1?: boolean;
}

const V1_SUFFIX: Readonly<Record<string, string>> = { rs: 'read', cud: 'write', cruds: '*' };

/** Prints one scope: v2 permissions in cruds order, params in their order, percent-encoded where needed. */
export function formatScope(scope: Scope, options: FormatOptions = {}): string {
  if (scope.kind === 'other') return scope.value;
  if (scope.kind !== 'resource') return scope.kind;
  return formatResourceScope(scope, options);
}

function formatResourceScope(scope: ResourceScope, options: FormatOptions): string {
  const letters = permissionLetters(scope.permissions);
  const prefix = `${scope.context}/${scope.resourceType}.`;
  if (letters === '') {
    // Refuse to print what parseScope would reject.
    throw new ScopeError(prefix, 'permission-empty', 'a resource scope needs at least one permission');
  }
  const v1 = V1_SUFFIX[letters];
  if (options.keepV1 && scope.version === 'v1' && scope.params.length === 0 && v1 !== undefined) {
    return prefix + v1;
  }
  if (scope.params.length === 0) return prefix + letters;
  const query = scope.params.map(([name, value]) => `${encodeParamText(name)}=${encodeParamText(value)}`);
  return `${prefix}${letters}?${query.join('&')}`;
}

function groupRank(scope: Scope): number {
  if (scope.kind === 'resource') return SPECIAL_SCOPE_KINDS.length + SCOPE_CONTEXTS.indexOf(scope.context);
  if (scope.kind === 'other') return SPECIAL_SCOPE_KINDS.length + SCOPE_CONTEXTS.length;
  return SPECIAL_SCOPE_KINDS.indexOf(scope.kind);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The canonical order: identity and launch scopes, refresh scopes, then resource scopes by context
 * (patient, user, system) and resource type (`*` first), then any other scopes; ties by printed text.
 */
export function compareScopes(a: Scope, b: Scope): number {
  const byGroup = groupRank(a) - groupRank(b);
  if (byGroup !== 0) return byGroup;
  if (a.kind === 'resource' && b.kind === 'resource') {
    const byType = compareText(a.resourceType, b.resourceType);
    if (byType !== 0) return byType;
  }
  return compareText(formatScope(a), formatScope(b));
}

/** Sorts into canonical order and drops scopes whose canonical form repeats (the first one is kept). */
export function canonicalScopes(scopes: ReadonlyArray<Scope>): Scope[] {
  const seen = new Set<string>();
  const unique: Scope[] = [];
  for (const scope of scopes) {
    const key = formatScope(scope);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(scope);
  }
  return unique.sort(compareScopes);
}

/** Prints a scope set as a space-separated string in canonical order, without duplicates. */
export function formatScopes(scopes: ReadonlyArray<Scope>, options: FormatOptions = {}): string {
  return canonicalScopes(scopes)
    .map((scope) => formatScope(scope, options))
    .join(' ');
}
