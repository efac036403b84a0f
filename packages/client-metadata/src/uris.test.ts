import { describe, expect, it } from 'vitest';
import type { MetadataPolicy } from './policy.ts';
import { checkJwksUri, checkRedirectUri, checkWebUri } from './uris.ts';

const development: MetadataPolicy = { production: false };
const production: MetadataPolicy = { production: true };

describe('checkRedirectUri', () => {
  it.each([
    'https://app.example/callback',
    'https://app.example:8443/cb?tenant=a',
    'http://localhost:8080/callback',
    'http://127.0.0.1/cb',
    'http://[::1]:3000/cb',
  ])('accepts %s outside production', (uri) => {
    expect(checkRedirectUri(uri, development)).toBeUndefined();
  });

  it('accepts only https in production', () => {
    expect(checkRedirectUri('https://app.example/callback', production)).toBeUndefined();
    expect(checkRedirectUri('http://localhost:8080/callback', production)).toMatchObject({
      error: 'invalid_redirect_uri',
      description:
        'redirect_uris must use https (http only for localhost, 127.0.0.1 or [::1] outside production): http://localhost:8080/callback',
    });
  });

  it.each([
    ['http://evil.example/cb', /^redirect_uris must use https/],
    ['http://localhost.evil.example/cb', /^redirect_uris must use https/],
    [
      'https://*.evil.example/cb',
      /^redirect_uris must not contain wildcards: https:\/\/\*\.evil\.example\/cb$/,
    ],
    ['https://app.example/*', /^redirect_uris must not contain wildcards/],
    ['https://app.example/cb#frag', /^redirect_uris must not contain fragments/],
    ['https://app.example/cb#', /^redirect_uris must not contain fragments/],
    ['https://user:secret@app.example/cb', /^redirect_uris must not carry credentials/],
    ['https://user@app.example/cb', /^redirect_uris must not carry credentials/],
    ['/relative/cb', /^redirect_uris must be absolute URLs/],
    ['javascript:alert(1)', /^redirect_uris must use https/],
    ['com.example.app:/callback', /^redirect_uris must use https/],
  ])('refuses %s', (uri, description) => {
    const problem = checkRedirectUri(uri, development);
    expect(problem?.error).toBe('invalid_redirect_uri');
    expect(problem?.field).toBe('redirect_uris');
    expect(problem?.description).toMatch(description);
  });

  it('never echoes quotes or backslashes into the description', () => {
    expect(checkRedirectUri('http://evil.example/"\\', development)?.description).not.toMatch(/["\\]/);
  });
});

describe('checkJwksUri', () => {
  it('accepts https to a public host', () => {
    expect(checkJwksUri('https://his.example/.well-known/jwks.json', production)).toBeUndefined();
    expect(checkJwksUri('https://93.184.216.34/jwks.json', production)).toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1:9/jwks.json', /^jwks_uri must use https/],
    ['http://his.example/jwks.json', /^jwks_uri must use https/],
    ['https://169.254.169.254/latest/meta-data', /^jwks_uri must not point at a private/],
    ['https://10.0.0.5/jwks', /^jwks_uri must not point at a private/],
    ['https://[fd00::1]/jwks', /^jwks_uri must not point at a private/],
    ['https://[::ffff:192.168.0.1]/jwks', /^jwks_uri must not point at a private/],
    ['https://*.his.example/jwks', /^jwks_uri must not contain wildcards/],
    ['https://a:b@his.example/jwks', /^jwks_uri must not carry credentials/],
  ])('refuses %s everywhere', (uri, description) => {
    for (const policy of [development, production]) {
      const problem = checkJwksUri(uri, policy);
      expect(problem).toMatchObject({ error: 'invalid_client_metadata', field: 'jwks_uri' });
      expect(problem?.description).toMatch(description);
    }
  });

  it('allows https on loopback outside production only', () => {
    for (const uri of ['https://localhost:8443/jwks', 'https://127.0.0.1/jwks', 'https://[::1]/jwks']) {
      expect(checkJwksUri(uri, development)).toBeUndefined();
      expect(checkJwksUri(uri, production)?.description).toMatch(/^jwks_uri must not point at a private/);
    }
  });
});

describe('checkWebUri', () => {
  it('wants https, and http on loopback outside production only', () => {
    expect(checkWebUri('logo_uri', 'https://app.example/logo.png', production)).toBeUndefined();
    expect(checkWebUri('initiate_login_uri', 'http://localhost:3003/launch', development)).toBeUndefined();
    expect(checkWebUri('initiate_login_uri', 'http://localhost:3003/launch', production)?.description).toBe(
      'initiate_login_uri must use https: http://localhost:3003/launch',
    );
    expect(checkWebUri('tos_uri', 'https://*.app.example/tos', development)?.field).toBe('tos_uri');
  });
});
