import type { Scope, ScopeContext } from '@openpas/scopes';

/** An organisation as the access rules see it. */
export interface CallerOrganization {
  readonly id: string;
  /** 'hospital' | 'payer' | … (organization.kind) */
  readonly kind: string;
  /** 醫事機構代碼 (hospitals) or the payer's code */
  readonly nhiCode?: string | null;
}

/**
 * Who is calling, as resolved from the access token: the client, its scopes, the signed-in user (for
 * authorization-code tokens) and the organisations behind them. Everything the store's guard decides on.
 */
export interface Caller {
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  /** The signed-in user (authorization-code tokens) */
  readonly userId?: string;
  readonly userRoles: readonly string[];
  /** Patient in context (SMART launch) */
  readonly patient?: string;
  readonly fhirUser?: string;
  readonly clientOrganization?: CallerOrganization;
  readonly userOrganization?: CallerOrganization;
}

/**
 * The organisation a request acts for. Given the context of the scope that allowed it (the permit's),
 * the one that scope confines it to: the client's for `system/`, the signed-in user's for `user/` and
 * `patient/` — so what a clinician writes through any app belongs to their hospital, never to the app's
 * developer. Without one (audit rows): the client's, or else the user's.
 */
export function actingOrganization(caller: Caller, context?: ScopeContext): CallerOrganization | undefined {
  if (context === 'system') return caller.clientOrganization;
  if (context) return caller.userOrganization;
  return caller.clientOrganization ?? caller.userOrganization;
}

/** A payer reviewer signed in through a user-facing app. */
export function isPayerReviewer(caller: Caller): boolean {
  return (
    caller.userId !== undefined &&
    caller.userRoles.includes('reviewer') &&
    caller.userOrganization?.kind === 'payer'
  );
}
