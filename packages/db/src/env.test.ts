import { describe, expect, it } from 'vitest';
import { readDbEnv, readSeedConfig, sandboxEnabled } from './env.ts';

describe('OPENPAS_SANDBOX', () => {
  it.each([
    [{}, true],
    [{ OPENPAS_SANDBOX: '1' }, true],
    [{ OPENPAS_SANDBOX: '0' }, false],
    [{ NODE_ENV: 'test' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', OPENPAS_SANDBOX: '0' }, false],
    // seeded when asked; the auth server then refuses to start (startup-checks)
    [{ NODE_ENV: 'production', OPENPAS_SANDBOX: '1' }, true],
  ])('with %o the sandbox is on: %s', (source, on) => {
    expect(sandboxEnabled(readDbEnv(source))).toBe(on);
  });

  it('accepts only 0 or 1', () => {
    expect(() => readDbEnv({ OPENPAS_SANDBOX: 'yes' })).toThrow(
      /^Invalid database configuration: OPENPAS_SANDBOX/,
    );
  });
});

describe('the database settings', () => {
  it('default to the embedded database in ./.data on port 5433', () => {
    const env = readDbEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENPAS_DATA_DIR).toMatch(/\/\.data$/);
    expect(env.OPENPAS_EMBEDDED_DB_PORT).toBe(5433);
  });

  it('treat an empty DATABASE_URL as unset and refuse one that is not postgresql://', () => {
    expect(readDbEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(() => readDbEnv({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ URL/,
    );
  });

  it('give the seed the apps’ public URLs without trailing slashes', () => {
    expect(readSeedConfig({ LAUNCH_URL: 'https://launch.example/' }).LAUNCH_URL).toBe(
      'https://launch.example',
    );
  });
});
