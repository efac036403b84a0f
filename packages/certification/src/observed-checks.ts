import { digestOf, type Observation } from '@openpas/auth-store';
import type { ClientCall } from '@openpas/fhir-store';
import { allows, type Interaction, isSubset, parseScopes } from '@openpas/scopes';
import { type CheckResult, fail, pass } from './checks.ts';

// What a user-facing app did, judged from what the authorization server recorded and the FHIR API audited
// while the platform drove it through three launches: one allowed, one answered with a wrong state, one
// denied at consent.

/** A state with less estimated entropy than this is predictable (a version-4 UUID carries 122 bits). */
export const MIN_STATE_BITS = 122;

export interface LaunchPhase {
  observations: Observation[];
  calls: ClientCall[];
  /** The authorization code the app was sent, when the platform captured it (wrong-state phase) */
  capturedCode: string | null;
}

export interface ObservedRun {
  allowed: LaunchPhase;
  wrongState: LaunchPhase;
  denied: LaunchPhase;
}

export interface Registration {
  redirectUris: readonly string[];
  scopes: string;
  fhirBaseUrl: string;
}

const authorizationsOf = (run: ObservedRun) =>
  [run.allowed, run.wrongState, run.denied].flatMap((phase) =>
    phase.observations.filter((o) => o.kind === 'authorization'),
  );

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function noAuthorization(id: Parameters<typeof fail>[0]): CheckResult {
  return fail(id, 'noAuthorizationSeen');
}

export function checkPkce(run: ObservedRun): CheckResult {
  const seen = authorizationsOf(run);
  if (seen.length === 0) return noAuthorization('pkce-s256');
  const bad = seen.find(
    (o) => o.detail.codeChallengeMethod !== 'S256' || o.detail.codeChallengeSent !== true,
  );
  if (bad) {
    return fail('pkce-s256', 'pkceNotS256', {
      method: str(bad.detail.codeChallengeMethod) || '—',
      challenge: bad.detail.codeChallengeSent ? 'sent' : 'missing',
    });
  }
  return pass('pkce-s256', 'pkceS256', { requests: seen.length });
}

export function checkState(run: ObservedRun): CheckResult {
  const seen = authorizationsOf(run);
  if (seen.length === 0) return noAuthorization('state-unpredictable');
  const bits = seen.map((o) => Number(o.detail.stateBits ?? 0));
  const missing = seen.find((o) => !o.detail.stateDigest);
  if (missing) return fail('state-unpredictable', 'stateMissing');
  const weakest = Math.min(...bits);
  if (weakest < MIN_STATE_BITS) {
    return fail('state-unpredictable', 'stateWeak', { bits: weakest, min: MIN_STATE_BITS });
  }
  const digests = new Set(seen.map((o) => str(o.detail.stateDigest)));
  if (digests.size < seen.length)
    return fail('state-unpredictable', 'stateReused', { requests: seen.length });
  return pass('state-unpredictable', 'stateStrong', { bits: weakest, requests: seen.length });
}

export function checkRedirectUri(run: ObservedRun, registration: Registration): CheckResult {
  const seen = authorizationsOf(run);
  if (seen.length === 0) return noAuthorization('redirect-uri-exact');
  const bad = seen.find((o) => !registration.redirectUris.includes(str(o.detail.redirectUri)));
  if (bad) return fail('redirect-uri-exact', 'redirectNotRegistered', { uri: str(bad.detail.redirectUri) });
  return pass('redirect-uri-exact', 'redirectExact', { uri: str(seen[0]?.detail.redirectUri) });
}

export function checkAud(run: ObservedRun, registration: Registration): CheckResult {
  const seen = authorizationsOf(run);
  if (seen.length === 0) return noAuthorization('aud-fhir-base');
  const bad = seen.find((o) => str(o.detail.aud) !== registration.fhirBaseUrl);
  if (bad)
    return fail('aud-fhir-base', 'audWrong', {
      aud: str(bad.detail.aud) || '—',
      expected: registration.fhirBaseUrl,
    });
  return pass('aud-fhir-base', 'audFhirBase', { aud: registration.fhirBaseUrl });
}

export function checkScopes(run: ObservedRun, registration: Registration): CheckResult {
  const seen = authorizationsOf(run);
  if (seen.length === 0) return noAuthorization('scopes-registered');
  const registered = parseScopes(registration.scopes).scopes;
  for (const observation of seen) {
    const requested = str(observation.detail.scope).split(' ').filter(Boolean);
    const beyond = requested.filter(
      (scope) => !isSubset(parseScopes(scope).scopes, registered) || parseScopes(scope).errors.length > 0,
    );
    if (beyond.length > 0) {
      return fail('scopes-registered', 'scopesBeyond', {
        scopes: beyond.join(' '),
        registered: registration.scopes,
      });
    }
  }
  return pass('scopes-registered', 'scopesWithin', { scopes: str(seen[0]?.detail.scope) });
}

const INTERACTIONS: ReadonlySet<string> = new Set([
  'create',
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'search',
  'history',
]);

export function checkFhirCalls(run: ObservedRun): CheckResult {
  const redemption = run.allowed.observations.find((o) => o.kind === 'code-redemption' && o.success);
  const calls = run.allowed.calls;
  if (calls.length === 0) return pass('fhir-calls-in-scope', 'noFhirCalls');
  const granted = parseScopes(str(redemption?.detail.grantedScope)).scopes;
  for (const call of calls) {
    if (call.outcome !== 0) {
      return fail('fhir-calls-in-scope', 'fhirCallRefused', {
        call: `${call.subtype} ${call.resourceType ?? ''}`.trim(),
        outcome: call.outcomeDesc ?? String(call.outcome),
      });
    }
    if (
      call.resourceType &&
      INTERACTIONS.has(call.subtype) &&
      !allows(granted, { resourceType: call.resourceType, interaction: call.subtype as Interaction })
    ) {
      return fail('fhir-calls-in-scope', 'fhirCallOutOfScope', {
        call: `${call.subtype} ${call.resourceType}`,
        granted: str(redemption?.detail.grantedScope),
      });
    }
  }
  const kinds = [...new Set(calls.map((call) => `${call.subtype} ${call.resourceType ?? ''}`.trim()))];
  return pass('fhir-calls-in-scope', 'fhirCallsWithin', { count: calls.length, calls: kinds.join(', ') });
}

export function checkWrongState(run: ObservedRun): CheckResult {
  const code = run.wrongState.capturedCode;
  if (!code) return pass('wrong-state-refused', 'noCodeToAlter');
  const digest = digestOf(code);
  const redeemed = run.wrongState.observations.find(
    (o) => o.kind === 'code-redemption' && o.codeDigest === digest,
  );
  if (redeemed) {
    return fail('wrong-state-refused', 'wrongStateRedeemed', { at: redeemed.at.toISOString() });
  }
  return pass('wrong-state-refused', 'wrongStateNotRedeemed');
}

export function checkDenied(run: ObservedRun): CheckResult {
  const calls = run.denied.calls;
  if (calls.length > 0) {
    return fail('denied-consent-no-fhir', 'fhirAfterDeny', { count: calls.length });
  }
  return pass('denied-consent-no-fhir', 'noFhirAfterDeny');
}

export function observedChecks(run: ObservedRun, registration: Registration): CheckResult[] {
  return [
    checkPkce(run),
    checkState(run),
    checkRedirectUri(run, registration),
    checkAud(run, registration),
    checkScopes(run, registration),
    checkFhirCalls(run),
    checkWrongState(run),
    checkDenied(run),
  ];
}
