import type { Observation } from '@openpas/auth-store';
import { ASSERTION_ALGS, guardedFetch, type JWK, keyFitsAlg } from '@openpas/jwt';
import { type CheckResult, fail, pass } from './checks.ts';

// Checks of a backend services app: its JWKS URL answers (https; http on loopback in the sandbox), every
// key it serves has a kid and fits an algorithm the auth server accepts, and the auth server saw the app's
// sandbox client get a token with its own assertion since this version was registered.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface JwksFetch {
  /** The JWK Set, or the reason it could not be had */
  jwks: unknown;
  problem: string | null;
}

export async function fetchJwks(jwksUrl: string, production: boolean): Promise<JwksFetch> {
  const url = new URL(jwksUrl);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production && LOOPBACK.has(url.hostname))) {
    return { jwks: null, problem: 'not https' };
  }
  try {
    const body = await guardedFetch(url, {
      addresses: production ? 'public' : 'public-or-loopback',
      timeoutMs: 10_000,
      maxBytes: 64 * 1024,
      accept: 'application/json, application/jwk-set+json',
    });
    return { jwks: JSON.parse(new TextDecoder().decode(body)) as unknown, problem: null };
  } catch (error) {
    return { jwks: null, problem: error instanceof Error ? error.message : 'no answer' };
  }
}

export function checkJwksReachable(jwksUrl: string | undefined, fetched: JwksFetch | null): CheckResult {
  if (!jwksUrl) return pass('jwks-reachable', 'jwksRegistered');
  if (!fetched || fetched.problem) {
    return fail('jwks-reachable', 'jwksUnreachable', { url: jwksUrl, problem: fetched?.problem ?? '' });
  }
  return pass('jwks-reachable', 'jwksReached', { url: jwksUrl });
}

export function checkJwksKeys(jwks: unknown): CheckResult {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) return fail('jwks-keys', 'jwksNoKeys');
  const kids: string[] = [];
  for (const [index, key] of (keys as JWK[]).entries()) {
    if (typeof key?.kid !== 'string' || key.kid === '') {
      return fail('jwks-keys', 'keyWithoutKid', { index: index + 1, kty: String(key?.kty ?? '') });
    }
    if (!ASSERTION_ALGS.some((alg) => keyFitsAlg(key, alg))) {
      return fail('jwks-keys', 'keyNoAllowedAlg', { kid: key.kid, algs: ASSERTION_ALGS.join(', ') });
    }
    kids.push(key.kid);
  }
  return pass('jwks-keys', 'keysFine', { count: kids.length, kids: kids.join(', ') });
}

/** A successful client_credentials request with private_key_jwt among what the auth server saw. */
export function checkBackendTokenRequest(observations: readonly Observation[]): CheckResult {
  const requests = observations.filter((o) => o.kind === 'client-credentials');
  const success = [...requests].reverse().find((o) => o.success && o.detail.authMethod === 'private_key_jwt');
  if (success) {
    return pass('backend-token-request', 'tokenRequestSeen', {
      at: success.at.toISOString(),
      kid: String(success.detail.kid ?? ''),
      alg: String(success.detail.alg ?? ''),
    });
  }
  const last = requests.at(-1);
  return fail('backend-token-request', last ? 'tokenRequestFailed' : 'noTokenRequest', {
    attempts: requests.length,
    error: String(last?.detail.error ?? ''),
  });
}
