import type { AppDetails } from './app-input.ts';

// The RFC 7591 metadata of an app's OAuth client, from its registration: what the auth server reads.

export function grantTypesOf(details: Pick<AppDetails, 'launchTypes'>): string[] {
  return details.launchTypes.includes('backend-service')
    ? ['client_credentials']
    : ['authorization_code', 'refresh_token'];
}

export function clientMetadataOf(details: AppDetails): Record<string, unknown> {
  const backend = details.launchTypes.includes('backend-service');
  const auth =
    details.clientKind === 'public'
      ? { token_endpoint_auth_method: 'none' }
      : details.clientKind === 'confidential-secret'
        ? { token_endpoint_auth_method: 'client_secret_basic' }
        : {
            token_endpoint_auth_method: 'private_key_jwt',
            ...(details.jwksUrl
              ? { jwks_uri: details.jwksUrl }
              : { jwks: JSON.parse(details.jwks || '{"keys":[]}') as unknown }),
          };
  return {
    client_name: details.name,
    application_type: 'web',
    grant_types: grantTypesOf(details),
    response_types: backend ? [] : ['code'],
    redirect_uris: backend ? [] : details.redirectUris,
    ...(details.launchUrl ? { initiate_login_uri: details.launchUrl } : {}),
    ...(details.homepageUrl ? { client_uri: details.homepageUrl } : {}),
    ...(details.privacyPolicyUrl ? { policy_uri: details.privacyPolicyUrl } : {}),
    ...(details.termsUrl ? { tos_uri: details.termsUrl } : {}),
    ...auth,
  };
}
