import { addressKind } from '@openpas/jwt';
import type { MetadataPolicy, MetadataProblem } from './policy.ts';

// RFC 7591 URIs (RFC 9700 §4.1: exact, https redirect URIs). Checked on the text as given, before URL
// parsing normalises anything away: a wildcard, a fragment or credentials anywhere refuse the URI.

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Printable in an error_description: no quotes or backslashes, no control characters, not too long. */
function shown(value: string): string {
  const clean = value.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function problem(field: string, text: string, error: MetadataProblem['error']): MetadataProblem {
  return { error, field, description: `${field} ${text}` };
}

/** The shared checks of every URI field: absolute, no wildcard, no fragment, no credentials. */
function parse(field: string, value: string, error: MetadataProblem['error']): URL | MetadataProblem {
  if (value.includes('*')) return problem(field, `must not contain wildcards: ${shown(value)}`, error);
  if (value.includes('#')) return problem(field, `must not contain fragments: ${shown(value)}`, error);
  const url = URL.parse(value);
  if (!url) return problem(field, `must be absolute URLs: ${shown(value)}`, error);
  if (url.username !== '' || url.password !== '' || /^[a-z][a-z0-9+.-]*:\/\/[^/?]*@/i.test(value)) {
    return problem(field, `must not carry credentials: ${shown(value)}`, error);
  }
  return url;
}

/**
 * A redirect URI: https, or http to localhost, 127.0.0.1 or [::1] outside production (native and
 * development apps); no wildcards, fragments or credentials. The problem reads `redirect_uris …`.
 */
export function checkRedirectUri(value: string, policy: MetadataPolicy): MetadataProblem | undefined {
  const field = 'redirect_uris';
  const url = parse(field, value, 'invalid_redirect_uri');
  if (!(url instanceof URL)) return url;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && !policy.production && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return problem(
    field,
    `must use https (http only for localhost, 127.0.0.1 or [::1] outside production): ${shown(value)}`,
    'invalid_redirect_uri',
  );
}

/**
 * A jwks_uri: https, no wildcards, fragments or credentials, and not an address the server must never be
 * sent to (private, link-local, …); loopback and localhost only outside production. Host names are
 * resolved and checked again whenever the keys are fetched (packages/jwt remote-jwks.ts).
 */
export function checkJwksUri(value: string, policy: MetadataPolicy): MetadataProblem | undefined {
  const field = 'jwks_uri';
  const url = parse(field, value, 'invalid_client_metadata');
  if (!(url instanceof URL)) return url;
  if (url.protocol !== 'https:') {
    return problem(field, `must use https: ${shown(value)}`, 'invalid_client_metadata');
  }
  const kind = url.hostname === 'localhost' ? 'loopback' : addressKind(url.hostname);
  if (kind === undefined || kind === 'public' || (kind === 'loopback' && !policy.production))
    return undefined;
  return problem(
    field,
    `must not point at a private, loopback or link-local address: ${shown(value)}`,
    'invalid_client_metadata',
  );
}

/**
 * Other URLs a client registers (client_uri, logo_uri, policy_uri, tos_uri, initiate_login_uri): https,
 * or http to loopback outside production; no wildcards, fragments or credentials.
 */
export function checkWebUri(
  field: string,
  value: string,
  policy: MetadataPolicy,
): MetadataProblem | undefined {
  const url = parse(field, value, 'invalid_client_metadata');
  if (!(url instanceof URL)) return url;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && !policy.production && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return problem(field, `must use https: ${shown(value)}`, 'invalid_client_metadata');
}
