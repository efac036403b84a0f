import type { Observation } from '@openpas/auth-store';
import { digestOf } from '@openpas/auth-store';
import type { ClientCall } from '@openpas/fhir-store';
import { describe, expect, it } from 'vitest';
import { type LaunchPhase, type ObservedRun, observedChecks } from './observed-checks.ts';

const FHIR = 'http://fhir.test/fhir';
const registration = {
  redirectUris: ['https://app.test/cb'],
  scopes: 'launch openid patient/Patient.rs',
  fhirBaseUrl: FHIR,
};

let next = 0;
function authorization(detail: Record<string, unknown> = {}): Observation {
  next += 1;
  return {
    id: String(next),
    at: new Date(),
    clientId: 'sandbox-app',
    kind: 'authorization',
    interactionId: null,
    codeDigest: null,
    authorizationId: null,
    success: true,
    detail: {
      codeChallengeMethod: 'S256',
      codeChallengeSent: true,
      stateBits: 256,
      stateDigest: `state-${next}`,
      redirectUri: 'https://app.test/cb',
      aud: FHIR,
      scope: 'launch openid patient/Patient.rs',
      ...detail,
    },
  };
}

const redemption = (code: string, grantedScope = 'launch openid patient/Patient.rs'): Observation => ({
  ...authorization(),
  kind: 'code-redemption',
  codeDigest: digestOf(code),
  detail: { grantedScope, error: null },
});

const call = (subtype: string, resourceType: string, outcome = 0): ClientCall => ({
  at: new Date(),
  subtype,
  outcome,
  outcomeDesc: outcome ? 'forbidden' : null,
  resourceType,
});

const phase = (
  observations: Observation[],
  calls: ClientCall[] = [],
  capturedCode: string | null = null,
): LaunchPhase => ({
  observations,
  calls,
  capturedCode,
});

function goodRun(): ObservedRun {
  return {
    allowed: phase([authorization(), redemption('c1')], [call('read', 'Patient')]),
    wrongState: phase([authorization()], [], 'c2'),
    denied: phase([authorization()]),
  };
}

const failed = (run: ObservedRun) =>
  observedChecks(run, registration)
    .filter((check) => !check.passed)
    .map((check) => [check.id, check.evidence.code]);

describe('judging what the servers saw of an app', () => {
  it('passes an app that behaved', () => {
    expect(failed(goodRun())).toEqual([]);
  });

  it.each([
    [
      'a reused state',
      (run: ObservedRun) => {
        run.denied.observations[0] = authorization({
          stateDigest: run.allowed.observations[0]?.detail.stateDigest,
        });
      },
      [['state-unpredictable', 'stateReused']],
    ],
    [
      'a short state',
      (run: ObservedRun) => {
        run.allowed.observations[0] = authorization({ stateBits: 40 });
      },
      [['state-unpredictable', 'stateWeak']],
    ],
    [
      'a redirect URI with a trailing slash',
      (run: ObservedRun) => {
        run.allowed.observations[0] = authorization({ redirectUri: 'https://app.test/cb/' });
      },
      [['redirect-uri-exact', 'redirectNotRegistered']],
    ],
    [
      'an aud other than the FHIR base',
      (run: ObservedRun) => {
        run.allowed.observations[0] = authorization({ aud: 'https://elsewhere.test/fhir' });
      },
      [['aud-fhir-base', 'audWrong']],
    ],
    [
      'a refused FHIR call',
      (run: ObservedRun) => {
        run.allowed.calls.push(call('search', 'Claim', 4));
      },
      [['fhir-calls-in-scope', 'fhirCallRefused']],
    ],
    [
      'a call beyond the granted scopes',
      (run: ObservedRun) => {
        run.allowed.calls.push(call('search', 'Observation'));
      },
      [['fhir-calls-in-scope', 'fhirCallOutOfScope']],
    ],
    [
      'the altered code redeemed',
      (run: ObservedRun) => {
        run.wrongState.observations.push(redemption('c2'));
      },
      [['wrong-state-refused', 'wrongStateRedeemed']],
    ],
    [
      'a FHIR call after denial',
      (run: ObservedRun) => {
        run.denied.calls.push(call('read', 'Patient'));
      },
      [['denied-consent-no-fhir', 'fhirAfterDeny']],
    ],
  ])('fails exactly the matching check for %s', (_name, spoil, expected) => {
    const run = goodRun();
    spoil(run);
    expect(failed(run)).toEqual(expected);
  });

  it('fails every authorization check when the app never asked for authorization', () => {
    const run: ObservedRun = { allowed: phase([]), wrongState: phase([]), denied: phase([]) };
    expect(failed(run).map(([id]) => id)).toEqual([
      'pkce-s256',
      'state-unpredictable',
      'redirect-uri-exact',
      'aud-fhir-base',
      'scopes-registered',
    ]);
  });
});
