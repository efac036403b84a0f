import {
  CLIENT_SCOPE_CEILING,
  checkClientScopes,
  checkJwksUri,
  checkRedirectUri,
  checkWebUri,
  type MetadataPolicy,
} from '@openpas/client-metadata';
import { ASSERTION_ALGS, guardedFetch, type JWK, keyFitsAlg, parseJwks } from '@openpas/jwt';
import type { AppInput } from './app-input.ts';
import { grantTypesOf } from './client-metadata.ts';

// The checks of a registration that go beyond its shape, each reported against its field: redirect URIs
// exact, https except localhost outside production, no fragment (@openpas/client-metadata, the rules the
// auth server's RFC 7591 registration applies too); web URLs likewise; scopes well-formed and within what
// a client may hold for its grant types; a JWKS URL fetched (SSRF-guarded) and a pasted JWKS parsed, each
// holding public keys with a kid usable with one of the allowed algorithms.

export type JwksFetcher = (url: URL) => Promise<unknown>;

export interface CheckOptions {
  production: boolean;
  /** How a JWKS URL is fetched; default: guarded fetch (public addresses in production, loopback too elsewhere) */
  fetchJwks?: JwksFetcher;
}

export function defaultJwksFetcher(production: boolean): JwksFetcher {
  return async (url) => {
    const body = await guardedFetch(url, {
      addresses: production ? 'public' : 'public-or-loopback',
      timeoutMs: 5000,
      maxBytes: 64 * 1024,
      accept: 'application/json, application/jwk-set+json',
    });
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  };
}

/** The problems of a JWK Set for client authentication ('' when it is fine). */
export function jwksProblem(value: unknown): string {
  let keys: readonly JWK[];
  try {
    keys = parseJwks(value);
  } catch (error) {
    return error instanceof Error ? error.message : 'not a JWK Set';
  }
  if (keys.length === 0) return 'holds no keys';
  for (const key of keys) {
    if (!key.kid) return 'every key needs a kid';
    if (!ASSERTION_ALGS.some((alg) => keyFitsAlg(key, alg))) {
      return `key ${key.kid} fits none of the allowed algorithms (${ASSERTION_ALGS.join(', ')})`;
    }
  }
  return '';
}

/** Field-level problems of a registration whose shape zod accepted; empty when it may be saved. */
export async function checkAppDetails(
  details: AppInput,
  options: CheckOptions,
): Promise<Record<string, string[]>> {
  const policy: MetadataPolicy = { production: options.production, scopeCeiling: CLIENT_SCOPE_CEILING };
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  for (const uri of details.redirectUris) {
    const problem = checkRedirectUri(uri, policy);
    if (problem) add('redirectUris', problem.description);
  }
  for (const field of ['launchUrl', 'homepageUrl', 'privacyPolicyUrl', 'termsUrl'] as const) {
    const uri = details[field];
    if (uri) {
      const problem = checkWebUri(field, uri, policy);
      if (problem) add(field, problem.description.replace(/^\w+/, field));
    }
  }
  const scopeProblem = checkClientScopes(details.scopes, grantTypesOf(details), policy);
  if (scopeProblem) add('scopes', scopeProblem.description);

  if (details.jwks) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(details.jwks);
    } catch {
      parsed = undefined;
      add('jwks', 'is not valid JSON');
    }
    if (parsed !== undefined) {
      const problem = jwksProblem(parsed);
      if (problem) add('jwks', problem);
    }
  }
  if (details.jwksUrl) {
    const problem = checkJwksUri(details.jwksUrl, policy);
    if (problem) {
      add('jwksUrl', problem.description.replace(/^jwks_uri/, 'jwksUrl'));
    } else {
      const fetchJwks = options.fetchJwks ?? defaultJwksFetcher(options.production);
      let fetched: unknown;
      try {
        fetched = await fetchJwks(new URL(details.jwksUrl));
      } catch (error) {
        add('jwksUrl', `could not be fetched: ${error instanceof Error ? error.message : 'no answer'}`);
      }
      if (fetched !== undefined) {
        const found = jwksProblem(fetched);
        if (found) add('jwksUrl', `the JWKS it serves ${found}`);
      }
    }
  }
  return errors;
}
