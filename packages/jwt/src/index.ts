export type { JWK } from 'jose';
export {
  ACCESS_TOKEN_TYP,
  type AccessTokenClaims,
  type AccessTokenContent,
  MAX_ACCESS_TOKEN_LIFETIME_SECONDS,
  type SignAccessTokenOptions,
  signAccessToken,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './access-token.ts';
export {
  ASSERTION_ALGS,
  isSigningAlg,
  keyTypeFor,
  MIN_RSA_MODULUS_BITS,
  type SigningAlg,
} from './algorithms.ts';
export {
  type AssertionTimeRules,
  checkAssertionTimes,
  MAX_ASSERTION_AGE_SECONDS,
  MAX_CLOCK_TOLERANCE_SECONDS,
} from './assertion-times.ts';
export {
  type CreateClientAssertionOptions,
  createClientAssertion,
  MAX_ASSERTION_LIFETIME_SECONDS,
  MAX_JTI_LENGTH,
  readUnverifiedClientId,
  type VerifiedClientAssertion,
  type VerifyClientAssertionOptions,
  verifyClientAssertion,
} from './client-assertion.ts';
export type { JwsHeader } from './compact-jws.ts';
export {
  AccessTokenError,
  type AccessTokenErrorCode,
  AssertionError,
  type AssertionErrorCode,
  JwksError,
  type JwksErrorCode,
  type JwsCheckCode,
  KeyRingError,
  type KeyRingErrorCode,
} from './errors.ts';
export { type GuardedFetchOptions, guardedFetch, type HostLookup, systemLookup } from './guarded-fetch.ts';
export { hasSecretMembers, publicJwkOf } from './jwk.ts';
export { type JwksSource, parseJwks, StaticJwks } from './jwks-source.ts';
export { type GenerateKeyPairOptions, generateKeyPair, type KeyPairJwks } from './key-pair.ts';
export { type KeySelection, keyFitsAlg, selectVerificationKey } from './key-selection.ts';
export {
  KEYRING_FORMAT,
  KeyRing,
  type KeyRingEntry,
  type KeyRingJson,
  type KeyRingKeyInfo,
  type KeyStatus,
} from './keyring.ts';
export {
  checkJwksUrl,
  isLoopbackUrl,
  RemoteJwks,
  RemoteJwksCache,
  type RemoteJwksCacheOptions,
  type RemoteJwksOptions,
} from './remote-jwks.ts';
export type { SigningKey, SigningKeyInput } from './signing-key.ts';
export {
  type AddressKind,
  type AddressPolicy,
  addressAllowed,
  addressKind,
  parseIpAddress,
} from './special-addresses.ts';
