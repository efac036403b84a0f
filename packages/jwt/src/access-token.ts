import { randomUUID } from 'node:crypto';
import type { SigningAlg } from './algorithms.ts';
import { audienceIncludes, epochSeconds, numericDateClaim, requireSeconds, requireText } from './claims.ts';
import { readJwsHeader } from './compact-jws.ts';
import { AccessTokenError, type AccessTokenErrorCode } from './errors.ts';
import type { JwksSource } from './jwks-source.ts';
import type { KeyRing } from './keyring.ts';
import { verifyJwsSignature } from './signature.ts';
import { signCompact } from './signing-key.ts';

/** RFC 9068 §2.1: the `typ` of a JWT access token. `application/at+jwt` is accepted on verification too. */
export const ACCESS_TOKEN_TYP = 'at+jwt';
/** Longest access token lifetime `signAccessToken` accepts. */
export const MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** Claims of a verified access token (RFC 9068 §2.2), plus whatever else the issuer put in. */
export interface AccessTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly client_id: string;
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

/** What the caller supplies; `iss`, `aud`, `exp`, `iat`, `nbf` and `jti` are set by `signAccessToken`. */
export interface AccessTokenContent {
  /** The resource owner, or the client id for client_credentials grants. */
  readonly sub: string;
  readonly client_id: string;
  /** Space-separated granted scopes. */
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

const SET_BY_SIGNER = ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti'] as const;

export interface SignAccessTokenOptions {
  readonly issuer: string;
  /** The resource server(s), e.g. the FHIR base URL. */
  readonly audience: string | readonly string[];
  /** Seconds until `exp`, 1 to 86400. */
  readonly lifetimeSeconds: number;
  /** Which of the ring's keys signs: the newest active key of this alg. */
  readonly alg: SigningAlg;
  /** A random UUID by default. */
  readonly jti?: string;
  readonly now?: Date;
}

/** Signs an RFC 9068 JWT access token with the ring's current key for `alg` (header `typ: at+jwt`). */
export async function signAccessToken(
  claims: AccessTokenContent,
  ring: KeyRing,
  options: SignAccessTokenOptions,
): Promise<string> {
  requireText(claims.sub, 'sub');
  requireText(claims.client_id, 'client_id');
  if (claims.scope !== undefined && typeof claims.scope !== 'string') {
    throw new TypeError('scope must be a string');
  }
  for (const name of SET_BY_SIGNER) {
    if (claims[name] !== undefined) {
      throw new TypeError(`${name} is set by signAccessToken, not by the caller`);
    }
  }
  const issuer = requireText(options.issuer, 'issuer');
  const audiences = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  if (audiences.length === 0) throw new TypeError('audience must name at least one resource server');
  for (const aud of audiences) requireText(aud, 'audience');
  const lifetime = requireSeconds(
    options.lifetimeSeconds,
    'lifetimeSeconds',
    1,
    MAX_ACCESS_TOKEN_LIFETIME_SECONDS,
  );
  const jti = requireText(options.jti ?? randomUUID(), 'jti');
  const signer = await ring.signer(options.alg);
  const iat = epochSeconds(options.now);
  const payload = {
    ...claims,
    iss: issuer,
    aud: audiences.length === 1 ? audiences[0] : audiences,
    exp: iat + lifetime,
    iat,
    jti,
  };
  return signCompact(payload, signer, ACCESS_TOKEN_TYP);
}

export interface VerifyAccessTokenOptions {
  /** Our issuer; `iss` must equal it. */
  readonly issuer: string;
  /** This resource server's identifier(s); `aud` must name one of them. */
  readonly audience: string | readonly string[];
  /** Our keys: the KeyRing itself (a JwksSource) inside the auth server, or a RemoteJwks of our jwks_uri elsewhere. */
  readonly keys: JwksSource | KeyRing;
  /** Allowed clock skew for `exp`, `nbf` and `iat`; 5 s by default, at most 60. */
  readonly clockToleranceSeconds?: number;
  readonly now?: Date;
}

function fail(code: AccessTokenErrorCode, description: string, cause?: unknown): AccessTokenError {
  return new AccessTokenError(code, description, cause === undefined ? undefined : { cause });
}

function isAccessTokenTyp(typ: string | undefined): boolean {
  const lower = typ?.toLowerCase();
  return lower === ACCESS_TOKEN_TYP || lower === `application/${ACCESS_TOKEN_TYP}`;
}

/**
 * Verifies one of our JWT access tokens (RFC 9068 §4) and returns its claims, or throws
 * {@link AccessTokenError} (answer 401 `invalid_token`). Revocation is not checked here: look the
 * `jti` (or grant) up afterwards, so that a revoked grant stops working at once.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  const issuer = requireText(options.issuer, 'issuer');
  const audiences = typeof options.audience === 'string' ? [options.audience] : options.audience;
  if (audiences.length === 0) throw new TypeError('audience must name at least one resource server');
  const tolerance = requireSeconds(options.clockToleranceSeconds ?? 5, 'clockToleranceSeconds', 0, 60);
  const now = epochSeconds(options.now);

  const header = readJwsHeader(token, fail);
  if (!isAccessTokenTyp(header.typ)) throw fail('typ', 'The token typ header is not at+jwt.');
  const claims = await verifyJwsSignature(token, header, options.keys, fail);

  if (claims.iss !== issuer) {
    throw fail('wrong_issuer', 'The token was not issued by this authorization server.');
  }
  if (!audienceIncludes(claims.aud, audiences)) {
    throw fail('wrong_audience', 'The token is not meant for this server.');
  }

  const exp = numericDateClaim(claims, 'exp');
  const iat = numericDateClaim(claims, 'iat');
  const nbf = numericDateClaim(claims, 'nbf');
  if (exp === 'invalid' || iat === 'invalid' || nbf === 'invalid') {
    throw fail('malformed', 'The token exp, iat or nbf claim is not a number.');
  }
  if (exp === undefined) throw fail('missing_claim', 'The token has no exp claim.');
  if (exp <= now - tolerance) throw fail('expired', 'The token has expired.');
  if (nbf !== undefined && nbf > now + tolerance) {
    throw fail('not_yet_valid', 'The token is not valid yet (nbf).');
  }
  if (iat !== undefined && iat > now + tolerance) {
    throw fail('not_yet_valid', 'The token iat is in the future.');
  }

  for (const name of ['sub', 'client_id', 'jti'] as const) {
    const value = claims[name];
    if (typeof value !== 'string' || value === '') {
      throw fail('missing_claim', `The token has no ${name} claim.`);
    }
  }
  if (iat === undefined) throw fail('missing_claim', 'The token has no iat claim.');
  if (claims.scope !== undefined && typeof claims.scope !== 'string') {
    throw fail('malformed', 'The token scope claim is not a string.');
  }
  return claims as unknown as AccessTokenClaims;
}
