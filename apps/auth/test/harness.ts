import { createServer } from 'node:net';
import type { Database } from '@openpas/db';
import { readSeedConfig, seedClients, seedOrganizations } from '@openpas/db/seed';
import { type AuthEnv, readAuthEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { type AuthServer, createAuthServer } from '../src/server.ts';
import { secretsFrom } from '../src/startup-checks.ts';

/**
 * A loopback port free now, for a server that must know its own URL before it listens. Drawn at random
 * below the kernel's ephemeral range (32768 and up on Linux): a port the kernel handed out and took back
 * is soon handed to an outgoing connection (a database client, fetch), which then holds it when the
 * server comes to listen, while ports down here are only ever taken by servers.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free loopback port between 20000 and 32000 after 50 tries');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

export interface RunningAuth {
  issuer: string;
  tokenEndpoint: string;
  introspectionEndpoint: string;
  revocationEndpoint: string;
  env: AuthEnv;
  auth: AuthServer;
  stop(): Promise<void>;
}

/** The real auth server on a loopback port, over the given database. */
export async function startAuth(
  db: Database,
  port?: number,
  overrides: Record<string, string> = {},
): Promise<RunningAuth> {
  const listenPort = port ?? (await freePort());
  const issuer = `http://127.0.0.1:${listenPort}`;
  const env = readAuthEnv({
    NODE_ENV: 'test',
    AUTH_ISSUER: issuer,
    FHIR_BASE_URL: 'http://127.0.0.1:3902/fhir',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const auth = await createAuthServer({ env, db, logger: createLogger('silent'), ...secretsFrom(env) });
  await new Promise<void>((done) => auth.server.listen(listenPort, '127.0.0.1', done));
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    revocationEndpoint: `${issuer}/token/revocation`,
    env,
    auth,
    async stop() {
      await auth.close();
      // Let clients see the closed keep-alive sockets before the next server takes the port.
      await new Promise((done) => setTimeout(done, 50));
    },
  };
}

/** Organisations and the sandbox clients (hospital A and B backends, the launch app). */
export async function seedSandboxClients(db: Database): Promise<void> {
  const orgs = await seedOrganizations(db.prisma);
  await seedClients(db.prisma, readSeedConfig({}), orgs);
}
