// The platform on loopback for the launch app's browser tests: one database (PostgreSQL when it is there,
// else PGlite), the sandbox seeded, the auth server, the FHIR API and the launch app's host in this process,
// the app's production build served as a hospital would serve it.
import { createLogger as authLogger, createAuthServer, readAuthEnv } from '@openpas/auth';
import { type Database, openFastSql } from '@openpas/db';
import { readSeedConfig } from '@openpas/db/seed';
import { testTargets } from '@openpas/db/testing';
import { createFhirServer, createLogger as fhirLogger, readFhirEnv } from '@openpas/fhir';
import { seedSandbox } from '@openpas/fhir-store';
import { pino } from 'pino';
import { freePort } from '../../auth/test/harness.ts';
import { buildLaunchApp, createLaunchServer, distDir, readLaunchEnv } from '../src/server/index.ts';

export interface LaunchPlatform {
  backend: string;
  db: Database;
  issuer: string;
  fhirBase: string;
  launchUrl: string;
  stop(): Promise<void>;
}

/** Access tokens live a minute here, so the app's refresh before expiry happens within a test. */
export const ACCESS_TOKEN_SECONDS = 60;

export async function startLaunchPlatform(): Promise<LaunchPlatform> {
  await buildLaunchApp();
  const targets = await testTargets();
  const target = targets.find((candidate) => candidate.name === 'postgresql') ?? targets[0];
  if (!target) throw new Error('no database to test on');
  for (const other of targets.filter((candidate) => candidate !== target)) await other.dispose();
  const db = await target.open();

  const [authPort, fhirPort, launchPort] = [await freePort(), await freePort(), await freePort()];
  const urls = {
    AUTH_ISSUER: `http://127.0.0.1:${authPort}`,
    FHIR_BASE_URL: `http://127.0.0.1:${fhirPort}/fhir`,
    LAUNCH_URL: `http://127.0.0.1:${launchPort}`,
  };
  await seedSandbox(db, readSeedConfig({ ...urls, OPENPAS_SANDBOX: '1' }));

  const auth = await createAuthServer({
    env: readAuthEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_SECONDS),
      ...urls,
    }),
    db,
    logger: authLogger('silent'),
    cookieKeys: ['launch-e2e-cookie-key-launch-e2e-cookie-key'],
    registrationTokens: ['launch-e2e-registration-token'],
  });
  const sql = await openFastSql(db);
  const fhir = await createFhirServer({
    env: readFhirEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...urls }),
    sql,
    logger: fhirLogger('silent'),
  });
  const launch = await createLaunchServer({
    env: readLaunchEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OPENPAS_SANDBOX: '1', ...urls }),
    logger: pino({ level: 'silent' }),
    distDir,
  });
  await new Promise<void>((done) => auth.server.listen(authPort, '127.0.0.1', done));
  await fhir.listen(fhirPort, '127.0.0.1');
  await launch.listen({ port: launchPort, host: '127.0.0.1' });

  return {
    backend: target.name,
    db,
    issuer: urls.AUTH_ISSUER,
    fhirBase: urls.FHIR_BASE_URL,
    launchUrl: urls.LAUNCH_URL,
    async stop() {
      await launch.close();
      await fhir.close();
      await auth.close();
      await sql.close();
      await db.close();
      await target.dispose();
    },
  };
}
