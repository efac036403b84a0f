import { isSigningAlg, type SigningAlg } from './algorithms.ts';
import type { JwsCheckCode } from './errors.ts';

/** Longest token we look at. Client assertions and our access tokens are far below this. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/** A protected header that passed {@link readJwsHeader}: allowlisted `alg` and a non-empty `kid`. */
export interface JwsHeader {
  readonly alg: SigningAlg;
  readonly kid: string;
  readonly typ?: string;
  readonly [member: string]: unknown;
}

/** Builds the caller's own error class for a failed check (AssertionError, AccessTokenError). */
export type FailWith = (code: JwsCheckCode, description: string, cause?: unknown) => Error;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  if (segment.length === 0 || !BASE64URL.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The three segments of a compact JWS, or undefined when the value is not shaped like one. */
function segmentsOf(token: unknown): [string, string, string] | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts;
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  if (!BASE64URL.test(signature)) return undefined;
  return [header, payload, signature];
}

/**
 * Decodes the protected header of a compact JWS without trusting it, and refuses anything but an
 * allowlisted `alg` with a `kid`. Critical extensions (`crit`, `b64`) are refused outright.
 */
export function readJwsHeader(token: unknown, fail: FailWith): JwsHeader {
  const segments = segmentsOf(token);
  const header = segments && decodeJsonObject(segments[0]);
  if (header === undefined) throw fail('malformed', 'The token is not a compact JWS with a JSON header.');
  if (header.crit !== undefined || header.b64 !== undefined) {
    throw fail('malformed', 'The token uses critical header extensions, which are not supported.');
  }
  if (!isSigningAlg(header.alg)) {
    throw fail('alg_not_allowed', 'The token alg is not one of RS384, ES384, RS256 or ES256.');
  }
  if (typeof header.kid !== 'string' || header.kid.length === 0) {
    throw fail('missing_kid', 'The token header has no kid.');
  }
  if (header.typ !== undefined && typeof header.typ !== 'string') {
    throw fail('malformed', 'The token typ header is not a string.');
  }
  return header as JwsHeader;
}

/**
 * Decodes the payload of a compact JWS as a JSON object. Only call this on a token whose signature has
 * been verified, or to read hints (such as `iss`) that are checked again after verification.
 */
export function readJwsPayload(token: unknown): Record<string, unknown> | undefined {
  const segments = segmentsOf(token);
  return segments && decodeJsonObject(segments[1]);
}
