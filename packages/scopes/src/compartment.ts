import type { ScopeContext } from './types.ts';

// Which stored resources a token may see, apart from what its scopes allow by type and interaction
// (`decide`). The auth server puts the context in the token; the FHIR API applies these rules, so both
// sides share one definition of "yours".

/** What a token says about whose data it reaches. */
export interface TokenContext {
  /** The context of the resource scope that allowed the request (see `decide`). */
  readonly context: ScopeContext;
  /** The patient in context (`patient` claim of the token): confines `patient/` scopes. */
  readonly patientId?: string | undefined;
  /** A patient user's own record (their fhirUser `Patient/<id>`): confines their `user/` scopes. */
  readonly userPatientId?: string | undefined;
  /** The signed-in clinician's organisation: confines `user/` scopes of staff users. */
  readonly userOrganizationId?: string | undefined;
  /** The client's organisation: confines `system/` scopes. */
  readonly clientOrganizationId?: string | undefined;
  /** The organisation behind the request (the user's for `user/`, the client's for `system/`) is the payer, which reviews every organisation's cases. */
  readonly payer?: boolean | undefined;
}

/** Where a stored resource belongs (columns of fhir_resource). */
export interface ResourceOwnership {
  /** The patient whose compartment holds the resource (itself for a Patient), or null. */
  readonly patientId: string | null;
  /** The organisation whose records hold the resource, or null. */
  readonly ownerOrganization: string | null;
}

/** A condition a store can turn into a query: only resources matching it are visible. */
export type VisibilityFilter =
  | { readonly patientId: string }
  | { readonly ownerOrganization: string }
  | { readonly everything: true }
  | { readonly nothing: true };

/**
 * The one condition a token's context puts on stored resources:
 * - `patient`: resources in the compartment of the patient in context;
 * - `user`: a patient user sees their own compartment, staff the records of their organisation;
 * - `system`: the records of the client's organisation;
 * - `user` and `system` of the payer: every organisation's records.
 * A context that lacks what it needs (no patient, no organisation) sees nothing.
 */
export function visibilityFilter(token: TokenContext): VisibilityFilter {
  switch (token.context) {
    case 'patient':
      return token.patientId ? { patientId: token.patientId } : { nothing: true };
    case 'user':
      if (token.userPatientId) return { patientId: token.userPatientId };
      if (token.payer) return { everything: true };
      return token.userOrganizationId ? { ownerOrganization: token.userOrganizationId } : { nothing: true };
    case 'system':
      if (token.payer) return { everything: true };
      return token.clientOrganizationId
        ? { ownerOrganization: token.clientOrganizationId }
        : { nothing: true };
  }
}

/**
 * Whether a stored resource lies inside a visibility filter — the one compartment check, used by the
 * store on every resource it returns or writes. Argument order: who is asking first, then what.
 */
export function isVisible(filter: VisibilityFilter, resource: ResourceOwnership): boolean {
  if ('patientId' in filter) return resource.patientId === filter.patientId;
  if ('ownerOrganization' in filter) return resource.ownerOrganization === filter.ownerOrganization;
  return 'everything' in filter;
}
