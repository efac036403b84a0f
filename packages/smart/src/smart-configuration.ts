import { SPECIAL_SCOPE_KINDS } from '@openpas/scopes';
import { authEndpoints } from './endpoints.ts';

/** SMART App Launch 2.2 capabilities this platform implements. */
export const SMART_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'authorize-post',
  'client-public',
  'client-confidential-symmetric',
  'client-confidential-asymmetric',
  'sso-openid-connect',
  'context-banner',
  'context-style',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
] as const;

/** Scopes advertised in discovery: the launch and OIDC scopes and the TWPAS resource scopes. */
export const ADVERTISED_SCOPES: readonly string[] = [
  ...SPECIAL_SCOPE_KINDS,
  'system/Bundle.crs',
  'system/ClaimResponse.rs',
  'system/Patient.rs',
  'patient/*.rs',
  'user/*.rs',
  'user/Bundle.c',
];

export interface SmartConfigurationInput {
  /** The authorization server's issuer URL (AUTH_ISSUER) */
  issuer: string;
  /** Where a signed-in user sees and revokes the apps holding access */
  managementEndpoint: string;
}

export interface SmartConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  grant_types_supported: string[];
  registration_endpoint: string;
  scopes_supported: string[];
  response_types_supported: string[];
  introspection_endpoint: string;
  revocation_endpoint: string;
  management_endpoint: string;
  code_challenge_methods_supported: string[];
  capabilities: string[];
}

/**
 * The `.well-known/smart-configuration` document. The auth server and the FHIR API both serve the result
 * of this one function, so they can never disagree.
 */
export function smartConfiguration(input: SmartConfigurationInput): SmartConfiguration {
  const endpoints = authEndpoints(input.issuer);
  return {
    issuer: endpoints.issuer,
    jwks_uri: endpoints.jwks,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384', 'RS256', 'ES256'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    registration_endpoint: endpoints.registration,
    scopes_supported: [...ADVERTISED_SCOPES],
    response_types_supported: ['code'],
    introspection_endpoint: endpoints.introspection,
    revocation_endpoint: endpoints.revocation,
    management_endpoint: input.managementEndpoint,
    code_challenge_methods_supported: ['S256'],
    capabilities: [...SMART_CAPABILITIES],
  };
}
