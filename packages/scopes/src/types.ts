/** Which population a resource scope reaches: one patient, what the user may see, or what the client may see. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** c = create, r = read, u = update, d = delete, s = search (SMART 2.x). */
export type PermissionLetter = 'c' | 'r' | 'u' | 'd' | 's';

export type Permissions = Readonly<Record<PermissionLetter, boolean>>;

/** One `name=value` constraint of a granular scope, URL-decoded. */
export type ScopeParam = readonly [name: string, value: string];

/** `patient/Observation.rs?category=…`; v1 scopes (`.read`, `.write`, `.*`) are held in their v2 meaning. */
export interface ResourceScope {
  readonly kind: 'resource';
  readonly context: ScopeContext;
  /** A FHIR resource type such as `Observation`, or `*` for every type. */
  readonly resourceType: string;
  readonly permissions: Permissions;
  readonly params: ReadonlyArray<ScopeParam>;
  readonly version: 'v1' | 'v2';
}

export type SpecialScopeKind =
  | 'openid'
  | 'fhirUser'
  | 'profile'
  | 'launch'
  | 'launch/patient'
  | 'launch/encounter'
  | 'offline_access'
  | 'online_access';

export interface SpecialScope {
  readonly kind: SpecialScopeKind;
}

/** Any other well-formed scope (custom, extension, other `launch/x` hints): kept so servers can ignore it. */
export interface OtherScope {
  readonly kind: 'other';
  readonly value: string;
}

export type Scope = ResourceScope | SpecialScope | OtherScope;

export const SCOPE_CONTEXTS: ReadonlyArray<ScopeContext> = ['patient', 'user', 'system'];

/** In the only order the grammar accepts. */
export const PERMISSION_LETTERS: ReadonlyArray<PermissionLetter> = ['c', 'r', 'u', 'd', 's'];

/** In canonical printing order. */
export const SPECIAL_SCOPE_KINDS: ReadonlyArray<SpecialScopeKind> = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'online_access',
  'offline_access',
];
