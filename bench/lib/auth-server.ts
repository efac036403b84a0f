// Our auth server as it runs in production: its own process (apps/auth/src/main.ts) on a throwaway
// PostgreSQL database (or the embedded one served over a socket), seeded with the sandbox clients and
// the benchmark's clients.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, serveEmbedded } from '@openpas/db';
import { readSeedConfig, seedClients, seedOrganizations } from '@openpas/db/seed';
import { createThrowawayDatabase } from '@openpas/db/testing';
import { generateKeyPair, type JWK, publicJwkOf, type SigningAlg } from '@openpas/jwt';
import type { SameWorkSource } from '../same-work/same-work.ts';
import { appsRoot } from './apps-root.ts';
import { appMemory } from './memory.ts';

export type BenchDatabase = 'postgresql' | 'pglite';

export interface BenchAuth {
  issuer: string;
  keys: Record<string, JWK>;
  introspectorSecret: string;
  /** A twin of the auth server for the same-work baseline; PostgreSQL only */
  sameWork?: SameWorkSource;
  /** RSS of the auth server's process (MiB) */
  memory(): Record<string, number>;
  /** The auth server's process id */
  pids(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/listening \d+/.test(out)) done();
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out.slice(-2000)}`)));
  });
}

/** Backend clients, one per algorithm, registered with fresh keys. */
export async function benchKeys(algs: SigningAlg[]): Promise<Record<string, JWK>> {
  const keys: Record<string, JWK> = {};
  for (const alg of algs) keys[`bench-${alg.toLowerCase()}`] = (await generateKeyPair(alg)).privateJwk;
  return keys;
}

export async function startBenchAuth(database: BenchDatabase, keys: Record<string, JWK>): Promise<BenchAuth> {
  const cleanups: (() => Promise<void>)[] = [];
  let url: string;
  if (database === 'postgresql') {
    const throwaway = await createThrowawayDatabase();
    cleanups.push(() => throwaway.drop());
    url = throwaway.url;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'openpas-bench-'));
    const embedded = await serveEmbedded({ dataDir: dir, port: 0 });
    cleanups.push(async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    });
    url = embedded.url;
  }
  const db = await openDatabase({ url });
  const orgs = await seedOrganizations(db.prisma);
  await seedClients(db.prisma, readSeedConfig({}), orgs);
  for (const [clientId, key] of Object.entries(keys)) {
    await db.prisma.oAuthClient.create({
      data: {
        clientId,
        organizationId: orgs.hospitalA,
        allowedScopes: 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
        reviewStatus: 'approved',
        metadata: {
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [publicJwkOf(key)] },
        } as never,
      },
    });
  }
  const introspectorSecret = randomBytes(24).toString('base64url');
  await db.prisma.oAuthClient.create({
    data: {
      clientId: 'bench-introspector',
      allowedScopes: 'introspect',
      reviewStatus: 'approved',
      secretHash: `sha256$${createHash('sha256').update(introspectorSecret).digest('base64url')}`,
      metadata: {
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    },
  });
  await db.close();

  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const spawnAuth = (listen: number, databaseUrl: string) =>
    spawn(process.execPath, [resolve(appsRoot(), 'apps/auth/src/main.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        AUTH_PORT: String(listen),
        AUTH_ISSUER: issuer,
        LOG_LEVEL: 'warn',
        AUTH_TOKEN_RATE_PER_MINUTE: '10000000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  const stopChild = (child: ChildProcess) =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  const child = spawnAuth(port, url);
  await waitForListening(child);
  const sameWork: SameWorkSource = {
    databaseUrl: url,
    async twin(databaseUrl) {
      const twinPort = await freePort();
      const twin = spawnAuth(twinPort, databaseUrl);
      await waitForListening(twin);
      return { origin: `http://127.0.0.1:${twinPort}`, stop: () => stopChild(twin) };
    },
  };
  return {
    issuer,
    keys,
    introspectorSecret,
    ...(database === 'postgresql' ? { sameWork } : {}),
    memory: () => appMemory({ auth: child }),
    pids: () => ({ auth: child.pid }),
    async stop() {
      await stopChild(child);
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
