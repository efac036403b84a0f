// The auth server and the FHIR API on loopback over one real database with the sandbox seeded: what a
// certification runs against.
import { createLogger as authLogger, createAuthServer, readAuthEnv } from '@openpas/auth';
import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { readSeedConfig } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createFhirServer, createLogger as fhirLogger, readFhirEnv } from '@openpas/fhir';
import { seedSandbox } from '@openpas/fhir-store';
import { freePort } from '../../../apps/auth/test/harness.ts';

export interface SandboxPlatform {
  db: Database;
  sql: FastSql;
  issuer: string;
  fhirBase: string;
  stop(): Promise<void>;
}

export async function startSandboxPlatform(): Promise<SandboxPlatform> {
  const targets = await testTargets();
  const target = targets.find((candidate) => candidate.name === 'postgresql') ?? targets[0];
  if (!target) throw new Error('no database to test on');
  for (const other of targets.filter((candidate) => candidate !== target)) await other.dispose();
  const db = await target.open();
  const [authPort, fhirPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${authPort}`;
  const fhirBase = `http://127.0.0.1:${fhirPort}/fhir`;
  const urls = { AUTH_ISSUER: issuer, FHIR_BASE_URL: fhirBase, PORTAL_URL: 'http://127.0.0.1:9' };
  await seedSandbox(db, readSeedConfig({ ...urls, OPENPAS_SANDBOX: '1' }));
  const auth = await createAuthServer({
    env: readAuthEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OPENPAS_SANDBOX: '1', ...urls }),
    db,
    logger: authLogger('silent'),
    cookieKeys: ['certification-cookie-key-certification-cookie-key'],
  });
  const sql = await openFastSql(db);
  const fhir = await createFhirServer({
    env: readFhirEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...urls }),
    sql,
    logger: fhirLogger('silent'),
  });
  await new Promise<void>((done) => auth.server.listen(authPort, '127.0.0.1', done));
  await fhir.listen(fhirPort, '127.0.0.1');
  return {
    db,
    sql,
    issuer,
    fhirBase,
    async stop() {
      await fhir.close();
      await auth.close();
      await sql.close();
      await db.close();
      await target.dispose();
    },
  };
}
