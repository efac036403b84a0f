import type { SearchParameterDef } from './types.ts';
import { SearchError } from './types.ts';

// Resolves a parameter name `code[:modifier][.code[:modifier]…]` against the search-parameter registry:
// the parameter on the searched type, its chain, and the modifier that governs the values.

/** Finds the definition of a search parameter, or undefined when the type has no such parameter. */
export type SearchParameterLookup = (resourceType: string, code: string) => SearchParameterDef | undefined;

/** Most references a chained parameter may follow (`a.b.c.d` follows three). */
export const MAX_CHAIN_DEPTH = 3;

interface Link {
  code: string;
  modifier?: string;
}

export interface ResolvedName {
  param: SearchParameterDef;
  chain: SearchParameterDef[];
  /** The modifier written on the first link (for a chain, only a resource type such as `Patient`) */
  modifier?: string;
  /** The parameter the values are tested against: the last link of the chain, or `param` */
  last: SearchParameterDef;
}

const CODE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MODIFIER = /^[A-Za-z][A-Za-z-]*$/;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;

const MODIFIERS: Record<SearchParameterDef['type'], readonly string[]> = {
  string: ['exact', 'contains', 'missing'],
  token: ['not', 'text', 'missing'],
  reference: ['identifier', 'missing'],
  date: ['missing'],
  number: ['missing'],
  quantity: ['missing'],
  uri: ['missing'],
};

/** `_id` (token) and `_lastUpdated` (date) of `resourceType`, for the end of a chain or a repeated `_id`. */
export function pseudoParameter(resourceType: string, code: '_id' | '_lastUpdated'): SearchParameterDef {
  return code === '_id'
    ? { code, resourceType, type: 'token', expression: 'id', source: 'r4' }
    : { code, resourceType, type: 'date', expression: 'meta.lastUpdated', source: 'r4' };
}

function parseLinks(name: string): Link[] | undefined {
  const links: Link[] = [];
  for (const segment of name.split('.')) {
    const parts = segment.split(':');
    const [code, modifier] = parts;
    if (parts.length > 2 || code === undefined || !CODE.test(code)) return undefined;
    if (modifier !== undefined && !MODIFIER.test(modifier)) return undefined;
    links.push(modifier === undefined ? { code } : { code, modifier });
  }
  return links;
}

function isIdentifierParam(def: SearchParameterDef): boolean {
  return def.code === 'identifier' || /(^|\.)identifier$/.test(def.expression);
}

function checkModifier(def: SearchParameterDef, modifier: string, name: string): void {
  const allowed = [...MODIFIERS[def.type]];
  if (def.type === 'token' && isIdentifierParam(def)) allowed.push('of-type');
  if (allowed.includes(modifier)) return;
  if (def.type === 'reference' && RESOURCE_TYPE.test(modifier)) {
    if (!def.targets || def.targets.includes(modifier)) return;
    throw new SearchError(
      `Search parameter ${JSON.stringify(name)}: ${def.code} refers to ${def.targets.join(' or ')}, not ${modifier}`,
      name,
    );
  }
  const types = def.type === 'reference' ? ' or a target type' : '';
  throw new SearchError(
    `Search parameter ${JSON.stringify(name)}: the modifier ":${modifier}" is not supported on the ${def.type} parameter ${def.code} (supported: ${allowed.map((m) => `:${m}`).join(' ')}${types})`,
    name,
  );
}

/** The type a chain continues on after the reference `def` (its `:Type` modifier or its single target). */
function chainTarget(
  def: SearchParameterDef,
  modifier: string | undefined,
  next: string,
  name: string,
): string {
  if (def.type !== 'reference') {
    throw new SearchError(
      `Search parameter ${JSON.stringify(name)}: cannot chain through ${def.code}, a ${def.type} parameter; only reference parameters can be chained`,
      name,
    );
  }
  if (modifier !== undefined) {
    if (!RESOURCE_TYPE.test(modifier)) {
      throw new SearchError(
        `Search parameter ${JSON.stringify(name)}: a chained link takes only a resource type modifier (e.g. ${def.code}:${def.targets?.[0] ?? 'Patient'}), not ":${modifier}"`,
        name,
      );
    }
    checkModifier(def, modifier, name);
    return modifier;
  }
  const [only, ...others] = def.targets ?? [];
  if (only === undefined || others.length > 0) {
    const choices = (def.targets ?? []).join(', ') || 'any type';
    throw new SearchError(
      `Search parameter ${JSON.stringify(name)}: ${def.code} may refer to ${choices}; name the type to chain through, e.g. ${def.code}:${only ?? 'Patient'}.${next}`,
      name,
    );
  }
  return only;
}

/**
 * Resolves a parameter name for a search on `resourceType`. Returns undefined when a link names no known
 * parameter (an unknown parameter: 400 unless lenient); throws SearchError for a chain through a
 * non-reference, an ambiguous or too deep chain, or an unsupported modifier.
 */
export function resolveName(
  resourceType: string,
  name: string,
  lookup: SearchParameterLookup,
): ResolvedName | undefined {
  const links = parseLinks(name);
  const [first, ...rest] = links ?? [];
  if (first === undefined) return undefined;
  const param = lookup(resourceType, first.code);
  if (param === undefined) return undefined;
  if (rest.length > MAX_CHAIN_DEPTH) {
    throw new SearchError(
      `Search parameter ${JSON.stringify(name)} chains through ${rest.length} references; at most ${MAX_CHAIN_DEPTH} are allowed`,
      name,
    );
  }
  const chain: SearchParameterDef[] = [];
  let current = param;
  let modifier = first.modifier;
  for (const link of rest) {
    const target = chainTarget(current, modifier, link.code, name);
    const next =
      link.code === '_id' || link.code === '_lastUpdated'
        ? pseudoParameter(target, link.code)
        : lookup(target, link.code);
    if (next === undefined) return undefined;
    chain.push(next);
    current = next;
    modifier = link.modifier;
  }
  if (chain.length > 0 && modifier !== undefined) {
    throw new SearchError(
      `Search parameter ${JSON.stringify(name)}: modifiers on the last link of a chain are not supported (":${modifier}" on ${current.code})`,
      name,
    );
  }
  if (chain.length === 0 && modifier !== undefined) checkModifier(param, modifier, name);
  return {
    param,
    chain,
    last: current,
    ...(first.modifier === undefined ? {} : { modifier: first.modifier }),
  };
}
