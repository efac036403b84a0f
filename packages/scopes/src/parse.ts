import { ScopeError } from './errors.ts';
import { formatScope } from './format.ts';
import { parseParams } from './params.ts';
import { parsePermissions, permissionsOf, V1_PERMISSIONS } from './permissions.ts';
import {
  SCOPE_CONTEXTS,
  type Scope,
  type ScopeContext,
  SPECIAL_SCOPE_KINDS,
  type SpecialScopeKind,
} from './types.ts';

const RESOURCE_TYPE = /^[A-Z][A-Za-z]*$/;
// `Observation.rs`, `*.read`: the part after the context of something meant as a resource scope.
const RESOURCE_LIKE = /^(\*|[A-Z][A-Za-z0-9]*)\.[A-Za-z0-9*]*$/;
const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const LAUNCH_HINT = /^[a-z]+(\?.*)?$/;

/**
 * Parses one scope. Resource scopes are checked strictly and any mistake throws a `ScopeError`;
 * words the grammar does not claim (custom scopes, `__x`, URIs, other `launch/x` hints) come back as
 * `{ kind: 'other' }` so that a server can ignore them.
 */
export function parseScope(text: string): Scope {
  checkCharacters(text);
  if (isSpecial(text)) return { kind: text };
  if (text.startsWith('__') || URI_SCHEME.test(text)) return { kind: 'other', value: text };
  if (text.startsWith('launch/')) return parseLaunchHint(text);

  const question = text.indexOf('?');
  const head = question < 0 ? text : text.slice(0, question);
  const query = question < 0 ? null : text.slice(question + 1);
  const slash = head.indexOf('/');
  if (slash < 0) {
    if (RESOURCE_LIKE.test(head)) {
      throw new ScopeError(
        text,
        'missing-context',
        'a resource scope must start with "patient/", "user/" or "system/"',
      );
    }
    return { kind: 'other', value: text };
  }
  const context = head.slice(0, slash);
  const rest = head.slice(slash + 1);
  if (!isContext(context)) {
    if (RESOURCE_LIKE.test(rest)) {
      throw new ScopeError(
        text,
        'context',
        `"${context}" is not a context; use "patient", "user" or "system"`,
      );
    }
    return { kind: 'other', value: text };
  }
  return parseResourceScope(text, context, rest, query);
}

function checkCharacters(text: string): void {
  if (text === '') throw new ScopeError(text, 'empty', 'a scope cannot be empty');
  if (/\s/.test(text)) {
    throw new ScopeError(
      text,
      'whitespace',
      'a scope cannot contain whitespace; separate scopes with spaces',
    );
  }
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // RFC 6749 scope-token: printable ASCII except `"` and `\`.
    if (code < 0x21 || code > 0x7e || char === '"' || char === '\\') {
      throw new ScopeError(
        text,
        'character',
        `character ${JSON.stringify(char)} is not allowed in a scope; percent-encode it in parameter values`,
      );
    }
  }
}

function isSpecial(text: string): text is SpecialScopeKind {
  return (SPECIAL_SCOPE_KINDS as ReadonlyArray<string>).includes(text);
}

function isContext(text: string): text is ScopeContext {
  return (SCOPE_CONTEXTS as ReadonlyArray<string>).includes(text);
}

// SMART lets servers offer more launch contexts (`launch/imagingstudy`, `launch/list?role=…`); they are
// hints the server may ignore, so they come back as 'other'. Only the spelling is checked.
function parseLaunchHint(text: string): Scope {
  const name = text.slice('launch/'.length);
  if (LAUNCH_HINT.test(name)) return { kind: 'other', value: text };
  const base = name.split('?')[0] ?? '';
  let detail = `"${base}" is not a launch context name; use lower-case letters, e.g. "launch/patient"`;
  if (base === '') detail = '"launch/" must name a context, e.g. "launch/patient"';
  else if (/^[A-Za-z]+$/.test(base)) {
    detail = `launch context names are lower case: use "launch/${base.toLowerCase()}"`;
  }
  throw new ScopeError(text, 'launch-context', detail);
}

function parseResourceScope(text: string, context: ScopeContext, rest: string, query: string | null): Scope {
  const dot = rest.indexOf('.');
  const resourceType = dot < 0 ? rest : rest.slice(0, dot);
  if (resourceType === '') {
    throw new ScopeError(
      text,
      'resource-type-missing',
      `no resource type after "${context}/"; use a type or "*"`,
    );
  }
  if (resourceType !== '*' && !RESOURCE_TYPE.test(resourceType)) {
    throw new ScopeError(text, 'resource-type', resourceTypeProblem(resourceType));
  }
  if (dot < 0) {
    throw new ScopeError(
      text,
      'permission-missing',
      `no permissions; add "." and letters from "cruds", e.g. ".rs"`,
    );
  }
  const suffix = rest.slice(dot + 1);
  const v1 = V1_PERMISSIONS[suffix];
  if (v1 !== undefined) {
    if (query !== null) {
      throw new ScopeError(
        text,
        'v1-params',
        `v1 permission ".${suffix}" cannot carry parameters; use the v2 form ".${v1}?…"`,
      );
    }
    return {
      kind: 'resource',
      context,
      resourceType,
      permissions: permissionsOf(v1),
      params: [],
      version: 'v1',
    };
  }
  const permissions = parsePermissions(text, suffix);
  const params = query === null ? [] : parseParams(text, query);
  return { kind: 'resource', context, resourceType, permissions, params, version: 'v2' };
}

function resourceTypeProblem(resourceType: string): string {
  if (/^[a-z][A-Za-z]*$/.test(resourceType)) {
    const suggestion = resourceType.charAt(0).toUpperCase() + resourceType.slice(1);
    return `resource type "${resourceType}" must start with a capital letter (e.g. "${suggestion}")`;
  }
  return `"${resourceType}" is not a FHIR resource type (letters only, starting with a capital) or "*"`;
}

export interface ParseScopesOptions {
  /** Throw the first `ScopeError` instead of collecting errors. */
  readonly strict?: boolean;
}

export interface ParsedScopes {
  /** Valid scopes in the order first seen, duplicates (same canonical form) removed. */
  readonly scopes: Scope[];
  /** One error per distinct malformed scope, in order. */
  readonly errors: ScopeError[];
}

/** Parses a space-separated scope string (any run of whitespace separates; empty gives none). */
export function parseScopes(text: string, options: ParseScopesOptions = {}): ParsedScopes {
  const scopes: Scope[] = [];
  const errors: ScopeError[] = [];
  const seen = new Set<string>();
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    let scope: Scope;
    try {
      scope = parseScope(token);
    } catch (error) {
      if (options.strict || !(error instanceof ScopeError)) throw error;
      if (!errors.some((known) => known.scope === token)) errors.push(error);
      continue;
    }
    const key = formatScope(scope);
    if (seen.has(key)) continue;
    seen.add(key);
    scopes.push(scope);
  }
  return { scopes, errors };
}
