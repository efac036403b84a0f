import { describe, expect, it } from 'vitest';
import { smartConfiguration } from './smart-configuration.ts';

const doc = smartConfiguration({
  issuer: 'http://localhost:3001/',
  managementEndpoint: 'http://localhost:3001/account/apps',
});

describe('the SMART configuration document', () => {
  it('derives every endpoint from the issuer, without a doubled slash', () => {
    expect(doc).toMatchObject({
      issuer: 'http://localhost:3001',
      jwks_uri: 'http://localhost:3001/jwks',
      authorization_endpoint: 'http://localhost:3001/auth',
      token_endpoint: 'http://localhost:3001/token',
      introspection_endpoint: 'http://localhost:3001/token/introspection',
      revocation_endpoint: 'http://localhost:3001/token/revocation',
      registration_endpoint: 'http://localhost:3001/reg',
      management_endpoint: 'http://localhost:3001/account/apps',
    });
  });

  it('offers PKCE S256 only, never plain', () => {
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('lists the authentication methods, grant types and response types SMART asks for', () => {
    expect(doc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['private_key_jwt', 'client_secret_basic']),
    );
    expect(doc.token_endpoint_auth_signing_alg_values_supported).toEqual(
      expect.arrayContaining(['RS384', 'ES384']),
    );
    expect(doc.grant_types_supported).toEqual(['authorization_code', 'client_credentials', 'refresh_token']);
    expect(doc.response_types_supported).toEqual(['code']);
  });

  it.each([
    'openid',
    'fhirUser',
    'profile',
    'launch',
    'launch/patient',
    'launch/encounter',
    'offline_access',
    'online_access',
    'system/Bundle.crs',
    'system/ClaimResponse.rs',
  ])('advertises the scope %s', (scope) => {
    expect(doc.scopes_supported).toContain(scope);
  });

  it.each([
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
  ])('declares the capability %s', (capability) => {
    expect(doc.capabilities).toContain(capability);
  });
});
