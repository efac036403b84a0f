import { describe, expect, it } from 'vitest';
import { clientMetadataProblems } from './metadata.ts';
import { CLIENT_SCOPE_CEILING, checkClientScopes } from './scopes.ts';

const development = { production: false };

describe('checkClientScopes', () => {
  const backend = ['client_credentials'];
  const app = ['authorization_code', 'refresh_token'];

  it('accepts the scopes a backend service or an app may hold', () => {
    expect(
      checkClientScopes('system/Bundle.crs system/ClaimResponse.rs', backend, development),
    ).toBeUndefined();
    expect(checkClientScopes('system/ClaimResponse.r', backend, development)).toBeUndefined();
    expect(
      checkClientScopes(
        'openid fhirUser launch launch/patient offline_access patient/*.rs',
        app,
        development,
      ),
    ).toBeUndefined();
    expect(checkClientScopes('patient/Observation.rs?category=laboratory', app, development)).toBeUndefined();
    expect(checkClientScopes('user/Patient.read', app, development)).toBeUndefined();
  });

  it.each([
    [
      'system/*.cruds',
      backend,
      'scope system/*.cruds is beyond what a client may hold; ask an OpenPAS administrator',
    ],
    [
      'system/Patient.rs system/Patient.d',
      backend,
      'scope system/Patient.d is beyond what a client may hold; ask an OpenPAS administrator',
    ],
    [
      'introspect',
      backend,
      'scope introspect is beyond what a client may hold; ask an OpenPAS administrator',
    ],
    [
      'patient/*.write',
      app,
      'scope patient/*.write is beyond what a client may hold; ask an OpenPAS administrator',
    ],
    ['system/Patient.rs', app, 'scope system/Patient.rs needs grant type client_credentials'],
    ['patient/*.rs', backend, 'scope patient/*.rs needs grant type authorization_code'],
    ['openid', backend, 'scope openid needs grant type authorization_code'],
  ])('refuses %s', (scope, grants, description) => {
    expect(checkClientScopes(scope, grants, development)).toEqual({
      error: 'invalid_client_metadata',
      field: 'scope',
      description,
    });
  });

  it('reports a malformed scope precisely', () => {
    expect(checkClientScopes('system/Bundle.xyz', backend, development)?.description).toMatch(
      /^scope system\/Bundle\.xyz is malformed: /,
    );
  });

  it('takes another ceiling when the deployment gives one', () => {
    const policy = { production: true, scopeCeiling: `${CLIENT_SCOPE_CEILING} system/Claim.rs` };
    expect(checkClientScopes('system/Claim.rs', backend, policy)).toBeUndefined();
    expect(checkClientScopes('system/Claim.rs', backend, development)).toBeDefined();
  });
});

describe('clientMetadataProblems', () => {
  it('answers no problem for sound metadata', () => {
    expect(
      clientMetadataProblems(
        {
          client_name: 'App',
          redirect_uris: ['https://app.example/cb'],
          scope: 'openid patient/*.rs',
          logo_uri: 'https://app.example/logo.png',
          software_statement_ignored: 1,
        },
        development,
      ),
    ).toEqual([]);
  });

  it('refuses a client_name the portal could not list', () => {
    for (const client_name of ['x'.repeat(81), 'x', 42]) {
      expect(clientMetadataProblems({ client_name }, development)).toEqual([
        expect.objectContaining({ error: 'invalid_client_metadata', field: 'client_name' }),
      ]);
    }
  });

  it('lists every problem, in field order', () => {
    const problems = clientMetadataProblems(
      {
        redirect_uris: ['http://evil.example/cb', 'https://ok.example/cb', 'https://*.evil.example/cb'],
        grant_types: ['client_credentials'],
        jwks_uri: 'http://127.0.0.1/jwks',
        scope: 'introspect',
      },
      development,
    );
    expect(problems.map((problem) => [problem.error, problem.field])).toEqual([
      ['invalid_redirect_uri', 'redirect_uris'],
      ['invalid_redirect_uri', 'redirect_uris'],
      ['invalid_client_metadata', 'jwks_uri'],
      ['invalid_client_metadata', 'scope'],
    ]);
  });

  it('defaults grant_types to authorization_code', () => {
    expect(clientMetadataProblems({ scope: 'system/Patient.rs' }, development)[0]?.description).toBe(
      'scope system/Patient.rs needs grant type client_credentials',
    );
  });

  it('refuses fields of the wrong type', () => {
    expect(clientMetadataProblems({ redirect_uris: 'https://app.example/cb' }, development)).toEqual([
      {
        error: 'invalid_redirect_uri',
        field: 'redirect_uris',
        description: 'redirect_uris must be an array of strings',
      },
    ]);
    expect(clientMetadataProblems({ scope: ['openid'] }, development)[0]?.description).toBe(
      'scope must be a string of space-separated scopes',
    );
    expect(clientMetadataProblems('nope', development)[0]?.description).toBe(
      'metadata must be a JSON object',
    );
  });

  it('checks post-logout redirect URIs like redirect URIs', () => {
    expect(
      clientMetadataProblems({ post_logout_redirect_uris: ['http://evil.example/'] }, development),
    ).toMatchObject([{ error: 'invalid_client_metadata', field: 'post_logout_redirect_uris' }]);
  });
});
