import { describe, expect, it } from 'vitest';
import { readAuthEnv } from './env.ts';
import { productionProblems, SANDBOX_REGISTRATION_TOKEN } from './startup-checks.ts';

const safe = {
  NODE_ENV: 'production',
  AUTH_ISSUER: 'https://auth.nhi.example',
  AUTH_COOKIE_SECRET: 'x'.repeat(40),
  AUTH_REGISTRATION_TOKENS: 'a-long-random-registration-token',
  PORTAL_CLIENT_SECRET: 'a-long-random-portal-client-secret',
};
const facts = { sandboxKeysInUse: [] };

describe('production start-up checks', () => {
  it('let a properly configured production server start', () => {
    expect(productionProblems(readAuthEnv(safe), facts)).toEqual([]);
  });

  it('let production run with the sandbox switched off explicitly', () => {
    expect(productionProblems(readAuthEnv({ ...safe, OPENPAS_SANDBOX: '0' }), facts)).toEqual([]);
  });

  it('never apply outside production', () => {
    expect(
      productionProblems(readAuthEnv({ AUTH_ISSUER: 'http://auth.example', OPENPAS_SANDBOX: '1' }), {
        sandboxKeysInUse: ['k'],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'an http issuer that is not localhost',
      { AUTH_ISSUER: 'http://auth.nhi.example' },
      facts,
      /must be https/,
    ],
    ['no cookie secret', { AUTH_COOKIE_SECRET: undefined }, facts, /AUTH_COOKIE_SECRET must be set/],
    [
      'no registration token',
      { AUTH_REGISTRATION_TOKENS: undefined },
      facts,
      /AUTH_REGISTRATION_TOKENS must be set/,
    ],
    [
      'the sandbox registration token',
      { AUTH_REGISTRATION_TOKENS: SANDBOX_REGISTRATION_TOKEN },
      facts,
      /sandbox token/,
    ],
    [
      'clients registered with the sandbox keys',
      {},
      { sandboxKeysInUse: ['sandbox-hospital-backend'] },
      /public sandbox keys/,
    ],
    ['the sandbox switched on', { OPENPAS_SANDBOX: '1' }, facts, /OPENPAS_SANDBOX=1/],
    [
      'no portal client secret',
      { PORTAL_CLIENT_SECRET: undefined },
      facts,
      /PORTAL_CLIENT_SECRET must be set/,
    ],
  ])('refuse %s', (_name, change, startFacts, message) => {
    const env = readAuthEnv({ ...safe, ...change });
    expect(productionProblems(env, startFacts).join('\n')).toMatch(message);
  });

  it('allow http for a localhost issuer in production (a proxy terminates TLS)', () => {
    expect(productionProblems(readAuthEnv({ ...safe, AUTH_ISSUER: 'http://localhost:3001' }), facts)).toEqual(
      [],
    );
  });
});
