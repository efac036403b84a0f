// A self-signed certificate for https://127.0.0.1, made once per test run and trusted by the test workers
// (NODE_EXTRA_CA_CERTS is read when a process starts, so it is set here, in the config's process, before
// Vitest forks them): the backend fixture serves its JWKS over https on loopback, as the registry requires.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TLS_DIR_VARIABLE = 'OPENPAS_TEST_TLS_DIR';

export function trustLoopbackCertificate(): void {
  if (process.env[TLS_DIR_VARIABLE]) return;
  const dir = mkdtempSync(join(tmpdir(), 'openpas-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  process.env[TLS_DIR_VARIABLE] = dir;
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'cert.pem');
}
