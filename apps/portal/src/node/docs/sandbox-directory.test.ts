import { readSandboxPrivateKey, readSeedConfig, sandboxUsers } from '@openpas/db/seed';
import { describe, expect, it } from 'vitest';
import { sandboxDirectory } from './sandbox-directory.ts';

const config = readSeedConfig({
  AUTH_ISSUER: 'https://auth.example',
  FHIR_BASE_URL: 'https://fhir.example/fhir',
  PORTAL_URL: 'https://portal.example',
  LAUNCH_URL: 'https://launch.example',
});

describe('the sandbox directory the documentation lists', () => {
  const directory = sandboxDirectory(config);

  it('has the seed’s accounts, in its order, with their organisation’s NHI code', () => {
    expect(directory.accounts.map((account) => account.username)).toEqual(
      sandboxUsers.map((u) => u.username),
    );
    expect(directory.accounts.find((account) => account.username === 'clinician')?.organization).toBe(
      '0101090517',
    );
    expect(directory.password).toBe('sandbox');
  });

  it('names each backend client’s committed key by file and kid, and carries no secret or private key', () => {
    const backend = directory.clients.find((client) => client.clientId === 'sandbox-hospital-backend');
    expect(backend?.key).toEqual({
      file: 'sandbox/hospital-backend.private.jwk.json',
      kid: readSandboxPrivateKey('hospital-backend.private.jwk.json').kid,
      alg: 'ES384',
    });
    expect(backend?.scopes).toContain('system/Bundle.crs');
    const launch = directory.clients.find((client) => client.clientId === 'openpas-launch');
    expect(launch?.redirectUris).toEqual(['https://launch.example/callback']);
    const text = JSON.stringify(directory);
    expect(text).not.toMatch(/sandbox-portal-secret|sha256\$|"d":/);
  });
});
