import type { Visibility } from '@openpas/fhir-store';
import { decide, type FhirRequest } from '@openpas/scopes';
import { forbidden } from '../http/errors.ts';
import type { AccessContext } from './access-context.ts';

// Scope first (packages/scopes decides), then the compartment the decision's context implies:
// patient/ → the patient in context; user/ → what that user may see (their hospital's records, the payer
// sees all, a patient their own); system/ → what the client's organisation owns (the payer's clients see all).

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

export function visibilityOf(access: AccessContext, context: 'patient' | 'user' | 'system'): Visibility {
  if (context === 'patient') return { patientId: access.patient ?? NOBODY };
  if (context === 'user') {
    if (access.userOrganization?.kind === 'payer') return {};
    if (access.userRoles.includes('patient')) {
      const own = access.fhirUser?.startsWith('Patient/') ? access.fhirUser.slice('Patient/'.length) : NOBODY;
      return { patientId: own };
    }
    return { owner: access.userOrganization?.id ?? NOBODY };
  }
  if (access.clientOrganization?.kind === 'payer') return {};
  return { owner: access.clientOrganization?.id ?? NOBODY };
}
