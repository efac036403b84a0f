/**
 * Every failure this package reports carries a stable machine `code` and a plain-English `description`.
 * Descriptions never quote the token or any value taken from it, so they are safe to send as an OAuth
 * `error_description` (which allows no `"` or `\`) and to log.
 */
abstract class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly description: string;

  constructor(code: Code, description: string, options?: { cause?: unknown }) {
    super(`${code}: ${description}`, options);
    this.code = code;
    this.description = description;
  }
}

/** Failures shared by every signed-token check: the header, the key lookup and the signature. */
export type JwsCheckCode =
  | 'malformed'
  | 'alg_not_allowed'
  | 'missing_kid'
  | 'unknown_kid'
  | 'ambiguous_kid'
  | 'key_type_mismatch'
  | 'jwks_unavailable'
  | 'bad_signature';

export type AssertionErrorCode =
  | JwsCheckCode
  | 'typ'
  | 'jku_not_allowed'
  | 'wrong_issuer'
  | 'iss_sub_mismatch'
  | 'wrong_audience'
  | 'missing_exp'
  | 'expired'
  | 'exp_too_far'
  | 'not_yet_valid'
  | 'iat_too_old'
  | 'missing_jti';

/** A client assertion (RFC 7523 `private_key_jwt`) was refused. The token endpoint answers `invalid_client`. */
export class AssertionError extends CodedError<AssertionErrorCode> {
  override readonly name = 'AssertionError';
}

export type AccessTokenErrorCode =
  | JwsCheckCode
  | 'typ'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'expired'
  | 'not_yet_valid';

/** An access token was refused. A resource server answers 401 `invalid_token`. */
export class AccessTokenError extends CodedError<AccessTokenErrorCode> {
  override readonly name = 'AccessTokenError';
}

export type JwksErrorCode =
  | 'invalid_url'
  | 'insecure_url'
  | 'forbidden_address'
  | 'fetch_failed'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'not_json'
  | 'invalid_jwks'
  | 'private_key';

/** A JWK Set could not be fetched or was not acceptable (bad URL, network, size, content, private keys). */
export class JwksError extends CodedError<JwksErrorCode> {
  override readonly name = 'JwksError';
}

export type KeyRingErrorCode = 'no_active_key' | 'unknown_kid' | 'invalid_state';

/** A key ring operation could not be done, or a stored key ring could not be read back. */
export class KeyRingError extends CodedError<KeyRingErrorCode> {
  override readonly name = 'KeyRingError';
}
