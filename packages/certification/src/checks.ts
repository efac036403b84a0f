import type { CertificationCheckView } from '@openpas/app-registry';

// The checks of a certification, by id, in the order a report lists them. Each result names a code the
// portal translates (messages `certification.evidence.<code>`) with the values it shows.

export const USER_FACING_CHECKS = [
  'pkce-s256',
  'state-unpredictable',
  'redirect-uri-exact',
  'aud-fhir-base',
  'scopes-registered',
  'fhir-calls-in-scope',
  'wrong-state-refused',
  'denied-consent-no-fhir',
] as const;

export const BACKEND_CHECKS = ['jwks-reachable', 'jwks-keys', 'backend-token-request'] as const;

export const COMMON_CHECKS = ['policy-urls-answer', 'redirect-uris-https'] as const;

export type CheckId =
  | (typeof USER_FACING_CHECKS)[number]
  | (typeof BACKEND_CHECKS)[number]
  | (typeof COMMON_CHECKS)[number];

export type CheckResult = CertificationCheckView & { id: CheckId };

type Values = Record<string, string | number>;

export const pass = (id: CheckId, code: string, values: Values = {}): CheckResult => ({
  id,
  passed: true,
  evidence: { code, values },
});

export const fail = (id: CheckId, code: string, values: Values = {}): CheckResult => ({
  id,
  passed: false,
  evidence: { code, values },
});
