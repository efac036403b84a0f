export {
  type AccessTokenContext,
  AccessTokenError,
  type AccessTokenRefusal,
  createAccessTokenResolver,
  type TokenOrganization,
} from './access-tokens.ts';
export { AccountStore, type UserAccount } from './accounts.ts';
export { createJtiRecorder, type JtiUse } from './assertion-jtis.ts';
export {
  type ClientDecision,
  type ClientDecisionInput,
  type ClientDecisionResult,
  decideClient,
  UnknownClientError,
} from './client-decisions.ts';
export {
  type AppClientInput,
  type AppClientRecord,
  appOfClient,
  type ClientEnvironment,
  clientsOfApp,
  createAppClient,
  hashClientSecret,
  linkClientToApp,
  newClientSecret,
  type PendingRegistration,
  pendingRegistrations,
  rotateClientSecret,
  unclaimedRegistration,
  updateClientRegistration,
  upsertPlatformClient,
} from './client-issuance.ts';
export {
  accountAwaitingVerification,
  type DeveloperSignUp,
  EmailTakenError,
  registerDeveloper,
  setDeveloperOrganization,
  VERIFICATION_TTL_SECONDS,
  verifyEmail,
} from './developer-accounts.ts';
export {
  type FhirContextItem,
  LAUNCH_TTL_SECONDS,
  LaunchContextStore,
  type LaunchDetails,
  type NewLaunch,
} from './launch-contexts.ts';
export {
  acceptedSecretDigest,
  type ClientRecord,
  type ClientRegistration,
  OAuthClientStore,
  registeredClients,
} from './oauth-clients.ts';
export {
  type HeldGrant,
  OidcPayloadStore,
  type Payload,
  type PayloadRecord,
  type PayloadWrite,
  sweepExpired,
} from './oidc-payloads.ts';
export {
  type AuthorizationFacts,
  type ClientCredentialsFacts,
  digestOf,
  entropyBits,
  type Observation,
  type ObservationKind,
  observationsOf,
  type RedemptionFacts,
  recordAuthorization,
  recordAuthorizationAnswer,
  recordClientCredentials,
  recordRedemption,
  sweepObservations,
} from './sandbox-observations.ts';
export {
  ACCOUNT_FAILURES_PER_HOUR,
  ACCOUNT_SLOW_INTERVAL_SECONDS,
  type AttemptSource,
  findSignInAccount,
  KNOWN_ADDRESS_MEMORY_SECONDS,
  type Lockout,
  PAIR_BASE_DELAY_SECONDS,
  PAIR_FREE_FAILURES,
  PAIR_MAX_DELAY_SECONDS,
  PAIR_MEMORY_SECONDS,
  pairDelaySeconds,
  type Reservation,
  rememberKnownAddress,
  reserveAttempt,
  type SignInAccount,
  settleSuccess,
  throttleKeys,
} from './sign-in-throttle.ts';
export { addSigningKey, loadKeyRing } from './signing-keys.ts';
