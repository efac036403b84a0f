import { randomUUID } from 'node:crypto';
import {
  checkAssertionTimes,
  MAX_ASSERTION_LIFETIME_SECONDS,
  MAX_CLOCK_TOLERANCE_SECONDS,
} from './assertion-times.ts';
import { audienceIncludes, epochSeconds, requireSeconds, requireText } from './claims.ts';
import { type JwsHeader, readJwsHeader, readJwsPayload } from './compact-jws.ts';
import { AssertionError, type AssertionErrorCode } from './errors.ts';
import type { JwksSource } from './jwks-source.ts';
import { verifyJwsSignature } from './signature.ts';
import { resolveSigningKey, type SigningKeyInput, signCompact } from './signing-key.ts';

/** Longest `jti` we accept; the caller stores it to refuse replays. */
export const MAX_JTI_LENGTH = 255;

export { MAX_ASSERTION_LIFETIME_SECONDS };

export interface CreateClientAssertionOptions {
  /** Becomes both `iss` and `sub`. */
  readonly clientId: string;
  /** The token endpoint URL (`aud`). */
  readonly audience: string;
  readonly key: SigningKeyInput;
  /** Seconds until `exp`; 60 by default, at most 300. */
  readonly lifetimeSeconds?: number;
  /** A random UUID by default. */
  readonly jti?: string;
  readonly now?: Date;
}

/**
 * Makes an RFC 7523 client assertion as a SMART backend client sends it: header `{ alg, kid, typ: 'JWT' }`,
 * claims `iss` = `sub` = client id, `aud`, `exp`, `iat`, `jti`.
 */
export async function createClientAssertion(options: CreateClientAssertionOptions): Promise<string> {
  const clientId = requireText(options.clientId, 'clientId');
  const audience = requireText(options.audience, 'audience');
  const lifetime = requireSeconds(
    options.lifetimeSeconds ?? 60,
    'lifetimeSeconds',
    1,
    MAX_ASSERTION_LIFETIME_SECONDS,
  );
  const jti = requireText(options.jti ?? randomUUID(), 'jti');
  const signer = await resolveSigningKey(options.key);
  const iat = epochSeconds(options.now);
  return signCompact(
    { iss: clientId, sub: clientId, aud: audience, exp: iat + lifetime, iat, jti },
    signer,
    'JWT',
  );
}

export interface VerifyClientAssertionOptions {
  /** The client the assertion must be from, or `undefined` to take it from `iss` (still requiring `sub` = `iss`). */
  readonly clientId: string | undefined;
  /** Accepted `aud` values: the token endpoint URL and the issuer. `aud` must name at least one. */
  readonly audiences: readonly string[];
  /** The client's registered keys: a StaticJwks or a RemoteJwks for its `jwks_uri`. */
  readonly keys: JwksSource;
  /** How far ahead of now `exp` may be; 300 s by default (and never more). */
  readonly maxLifetimeSeconds?: number;
  /** Allowed clock skew for `exp`, `iat` and `nbf`; 5 s by default, at most 60. */
  readonly clockToleranceSeconds?: number;
  readonly now?: Date;
}

export interface VerifiedClientAssertion {
  readonly clientId: string;
  /** Store (client id, jti) until `exp` and refuse a second use: replay is not checked here. */
  readonly jti: string;
  readonly exp: number;
  readonly iat: number | undefined;
  readonly header: JwsHeader;
}

function fail(code: AssertionErrorCode, description: string, cause?: unknown): AssertionError {
  return new AssertionError(code, description, cause === undefined ? undefined : { cause });
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * Verifies a client assertion (SMART Backend Services / RFC 7523 `private_key_jwt`). Throws
 * {@link AssertionError}, whose every code the token endpoint reports as `invalid_client`.
 *
 * Order: header (alg allowlist, typ, kid, jku) → the one key matching kid and alg → signature →
 * `iss`/`sub` → `aud` → `exp` → `iat` (not ahead, not older than 5 minutes) / `nbf` → `jti`. Nothing in the token is trusted before its check.
 */
export async function verifyClientAssertion(
  jwt: string,
  options: VerifyClientAssertionOptions,
): Promise<VerifiedClientAssertion> {
  const expectedClient =
    options.clientId === undefined ? undefined : requireText(options.clientId, 'clientId');
  if (
    options.audiences.length === 0 ||
    options.audiences.some((aud) => typeof aud !== 'string' || aud === '')
  ) {
    throw new TypeError('audiences must list at least one non-empty string');
  }
  const maxLifetime = requireSeconds(
    options.maxLifetimeSeconds ?? MAX_ASSERTION_LIFETIME_SECONDS,
    'maxLifetimeSeconds',
    1,
    MAX_ASSERTION_LIFETIME_SECONDS,
  );
  const tolerance = requireSeconds(
    options.clockToleranceSeconds ?? 5,
    'clockToleranceSeconds',
    0,
    MAX_CLOCK_TOLERANCE_SECONDS,
  );
  const now = epochSeconds(options.now);

  const header = readJwsHeader(jwt, fail);
  if (header.typ !== undefined && header.typ.toLowerCase() !== 'jwt') {
    throw fail('typ', 'The assertion typ header must be JWT when present.');
  }
  if (header.jku !== undefined) {
    const url = options.keys.url;
    if (typeof header.jku !== 'string' || url === undefined || !sameUrl(header.jku, url)) {
      throw fail(
        'jku_not_allowed',
        'The assertion jku header is not the JWKS URL registered for this client.',
      );
    }
  }

  const claims = await verifyJwsSignature(jwt, header, options.keys, fail);

  const { iss, sub } = claims;
  if (typeof iss !== 'string' || iss === '' || (expectedClient !== undefined && iss !== expectedClient)) {
    throw fail('wrong_issuer', 'The assertion iss is not the client id.');
  }
  if (sub !== iss) throw fail('iss_sub_mismatch', 'The assertion sub must equal its iss (the client id).');

  if (!audienceIncludes(claims.aud, options.audiences)) {
    throw fail('wrong_audience', 'The assertion aud is not the token endpoint URL or the issuer.');
  }

  const { exp, iat } = checkAssertionTimes(claims, {
    now,
    maxLifetimeSeconds: maxLifetime,
    clockToleranceSeconds: tolerance,
  });

  const { jti } = claims;
  if (typeof jti !== 'string' || jti === '') throw fail('missing_jti', 'The assertion has no jti claim.');
  if (jti.length > MAX_JTI_LENGTH) {
    throw fail('malformed', `The assertion jti is longer than ${MAX_JTI_LENGTH} characters.`);
  }

  return { clientId: iss, jti, exp, iat, header };
}

/**
 * The unverified `iss` of a client assertion, to look up which client (and so which keys) to verify it
 * with. Never trust it beyond that: {@link verifyClientAssertion} checks it again.
 */
export function readUnverifiedClientId(jwt: string): string | undefined {
  const iss = readJwsPayload(jwt)?.iss;
  return typeof iss === 'string' && iss !== '' ? iss : undefined;
}
