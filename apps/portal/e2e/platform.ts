// The whole platform on loopback for the browser tests: one database (PostgreSQL when it is there, else the
// embedded one served on a socket so the portal's process can reach it), the sandbox seeded, the auth
// server and the FHIR API in this process, the portal's production build in its own.
import { createLogger as authLogger, createAuthServer, readAuthEnv } from '@openpas/auth';
import { type Database, type EmbeddedServer, openFastSql, serveEmbedded } from '@openpas/db';
import { readSeedConfig } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createFhirServer, createLogger as fhirLogger, readFhirEnv } from '@openpas/fhir';
import { seedSandbox } from '@openpas/fhir-store';
import { freePort } from '../../auth/test/harness.ts';
import { SANDBOX_PORTAL_SECRET } from '../src/env.ts';
import { type PortalProcess, startPortal } from './portal-process.ts';

export interface Platform {
  backend: 'postgresql' | 'pglite';
  db: Database;
  /** Where another process reaches the database (PostgreSQL, or the embedded one's socket) */
  databaseUrl: string;
  issuer: string;
  fhirBase: string;
  portal: PortalProcess;
  stop(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const targets = await testTargets();
  const target = targets.find((candidate) => candidate.name === 'postgresql') ?? targets[0];
  if (!target) throw new Error('no database to test on');
  for (const other of targets.filter((candidate) => candidate !== target)) await other.dispose();

  const [authPort, fhirPort, portalPort] = [await freePort(), await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${authPort}`;
  const fhirBase = `http://127.0.0.1:${fhirPort}/fhir`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const urls = { AUTH_ISSUER: issuer, FHIR_BASE_URL: fhirBase, PORTAL_URL: portalUrl };

  let embedded: EmbeddedServer | undefined;
  let db: Database;
  let databaseUrl: string;
  if (target.name === 'postgresql') {
    db = await target.open();
    databaseUrl = target.location;
  } else {
    embedded = await serveEmbedded({ dataDir: target.location, port: 0 });
    db = embedded.db;
    databaseUrl = embedded.url;
  }
  await seedSandbox(db, readSeedConfig({ ...urls, OPENPAS_SANDBOX: '1' }));

  const auth = await createAuthServer({
    env: readAuthEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...urls }),
    db,
    logger: authLogger('silent'),
    cookieKeys: ['portal-e2e-cookie-key-portal-e2e-cookie-key'],
    registrationTokens: ['portal-e2e-registration-token'],
  });
  const sql = await openFastSql(db);
  const fhir = await createFhirServer({
    env: readFhirEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...urls }),
    sql,
    logger: fhirLogger('silent'),
  });
  await new Promise<void>((done) => auth.server.listen(authPort, '127.0.0.1', done));
  await fhir.listen(fhirPort, '127.0.0.1');
  const portal = await startPortal({
    port: portalPort,
    env: { ...urls, DATABASE_URL: databaseUrl, PORTAL_CLIENT_SECRET: SANDBOX_PORTAL_SECRET },
  });

  return {
    backend: target.name,
    db,
    databaseUrl,
    issuer,
    fhirBase,
    portal,
    async stop() {
      await portal.stop();
      await fhir.close();
      await auth.close();
      await sql.close();
      if (embedded) await embedded.stop();
      else await db.close();
      await target.dispose();
    },
  };
}
