import type { Visibility } from '@openpas/fhir-store';
import { decide, type FhirRequest, type ScopeContext, visibilityFilter } from '@openpas/scopes';
import { forbidden } from '../http/errors.ts';
import type { AccessContext } from './access-context.ts';

// Scope first, then the compartment the decision's context implies — both decided in packages/scopes,
// the same rules the auth server applies: patient/ → the patient in context; user/ → what that user may
// see (their hospital's records, the payer all, a patient their own); system/ → what the client's
// organisation owns (the payer's clients see all).

const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface Authorization {
  visibility: Visibility;
  /** Granular-scope filters the resource must match (null: none) */
  filters: ReadonlyArray<ReadonlyArray<readonly [string, string]>> | null;
}

export function authorize(access: AccessContext, request: FhirRequest): Authorization {
  const decision = decide(access.scopes, request);
  if (!decision.allowed) throw forbidden(decision.message);
  return { visibility: visibilityOf(access, decision.context), filters: decision.filters };
}

export function visibilityOf(access: AccessContext, context: ScopeContext): Visibility {
  const organisation = context === 'system' ? access.clientOrganization : access.userOrganization;
  const patientUser = access.userRoles.includes('patient') && access.fhirUser?.startsWith('Patient/');
  const filter = visibilityFilter({
    context,
    patientId: access.patient,
    userPatientId: patientUser ? access.fhirUser?.slice('Patient/'.length) : undefined,
    userOrganizationId: access.userOrganization?.id,
    clientOrganizationId: access.clientOrganization?.id,
    payer: organisation?.kind === 'payer',
  });
  if ('everything' in filter) return {};
  if ('patientId' in filter) return { patientId: filter.patientId };
  if ('ownerOrganization' in filter) return { owner: filter.ownerOrganization };
  return { owner: NOBODY };
}
