export {
  allows,
  type Decision,
  type DenialReason,
  decide,
  type FhirRequest,
  INTERACTION_PERMISSION,
  type Interaction,
  type ScopeFilter,
} from './allows.ts';
export { equals, isSubset } from './compare.ts';
export {
  isVisible,
  type ResourceOwnership,
  type TokenContext,
  type VisibilityFilter,
  visibilityFilter,
} from './compartment.ts';
export { ScopeError, type ScopeErrorReason } from './errors.ts';
export { canonicalScopes, compareScopes, type FormatOptions, formatScope, formatScopes } from './format.ts';
export { intersect } from './intersect.ts';
export { contexts, hasScope, isResourceScope, resourceScopes } from './lookup.ts';
export { type ParsedScopes, type ParseScopesOptions, parseScope, parseScopes } from './parse.ts';
export { type PlainWordsLocale, scopeToPlainWords } from './plain-words.ts';
export {
  type OtherScope,
  PERMISSION_LETTERS,
  type PermissionLetter,
  type Permissions,
  type ResourceScope,
  SCOPE_CONTEXTS,
  type Scope,
  type ScopeContext,
  type ScopeParam,
  SPECIAL_SCOPE_KINDS,
  type SpecialScope,
  type SpecialScopeKind,
} from './types.ts';
