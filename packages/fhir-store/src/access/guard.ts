import type { FhirResource } from '@openpas/fhir-model';
import {
  decide,
  type FhirRequest,
  type Interaction,
  isVisible,
  type ScopeContext,
  type ScopeFilter,
  type VisibilityFilter,
  visibilityFilter,
} from '@openpas/scopes';
import { forbidden } from '../repository/errors.ts';
import type { Caller } from './caller.ts';
import { matchesFilters } from './granular-filters.ts';

// The access decision, in one place: the scopes (packages/scopes' decide), the compartment their context
// implies (visibilityFilter: patient/ → the patient in context; user/ → the user's own record or their
// hospital's; system/ → the client's organisation; the payer sees all), and granular-scope filters. The
// store takes a Permit before it touches anything and tests every resource it returns or writes with
// `admits`, so no route can forget either.

export interface Permit {
  readonly resourceType: string;
  readonly interaction: Interaction;
  readonly context: ScopeContext;
  readonly visibility: VisibilityFilter;
  /** Granular-scope filters a resource must match (null: none) */
  readonly filters: readonly ScopeFilter[] | null;
}

/** What the store knows about a stored resource when it decides. */
export interface Guarded {
  readonly resourceType: string;
  /** Read only when the permit has granular filters to test */
  readonly resource: FhirResource;
  readonly ownerOrganization: string | null;
  readonly patientId: string | null;
  readonly deleted?: boolean;
}

export function visibilityOf(caller: Caller, context: ScopeContext): VisibilityFilter {
  const organisation = context === 'system' ? caller.clientOrganization : caller.userOrganization;
  const patientUser = caller.userRoles.includes('patient') && caller.fhirUser?.startsWith('Patient/');
  return visibilityFilter({
    context,
    patientId: caller.patient,
    userPatientId: patientUser ? caller.fhirUser?.slice('Patient/'.length) : undefined,
    userOrganizationId: caller.userOrganization?.id,
    clientOrganizationId: caller.clientOrganization?.id,
    payer: organisation?.kind === 'payer',
  });
}

/** The caller's permit for one interaction on one type; a StoreError 'forbidden' when the scopes refuse. */
export function permit(caller: Caller, request: FhirRequest): Permit {
  const decision = decide(caller.scopes, request);
  if (!decision.allowed) throw forbidden(decision.message);
  const visibility = visibilityOf(caller, decision.context);
  // The audit trail belongs to the payer: a compartment-limited view of it would still leak who did what.
  if (request.resourceType === 'AuditEvent' && !('everything' in visibility))
    throw forbidden('the audit trail is open to the payer only');
  return {
    resourceType: request.resourceType,
    interaction: request.interaction,
    context: decision.context,
    visibility,
    filters: decision.filters,
  };
}

/** Whether a permit reaches this resource: not deleted, inside the compartment, matching the granular filters. */
export function admits(permit: Permit, stored: Guarded): boolean {
  return (
    stored.deleted !== true &&
    stored.resourceType === permit.resourceType &&
    isVisible(permit.visibility, stored) &&
    (permit.filters === null || matchesFilters(stored.resource, permit.filters))
  );
}
