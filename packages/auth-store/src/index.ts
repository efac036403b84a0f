export {
  type AccessTokenContext,
  AccessTokenError,
  type AccessTokenRefusal,
  createAccessTokenResolver,
  type TokenOrganization,
} from './access-tokens.ts';
export { createJtiRecorder, type JtiUse } from './assertion-jtis.ts';
export {
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
