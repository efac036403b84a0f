// token-backend and introspect (performance.md), each beside the bare in-memory oidc-provider.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createClientAssertion, type JWK, publicJwkOf } from '@openpas/jwt';
import {
  type BenchDatabase,
  benchKeys,
  freePort,
  startBenchAuth,
  waitForListening,
} from '../lib/auth-server.ts';
import type { Scenario } from '../run.ts';

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const assertionsNeeded = durationSeconds * 2_500;
const assertionModule = resolve(import.meta.dirname, '../lib/assertion-requests.ts');
const SCOPE = 'system/Bundle.crs system/ClaimResponse.rs';

async function startBare(keys: Record<string, JWK>, secret: string) {
  const port = await freePort();
  const jwks = Object.fromEntries(
    Object.entries(keys).map(([clientId, key]) => [clientId, { keys: [publicJwkOf(key)] }]),
  );
  const child = spawn(
    process.execPath,
    [resolve(import.meta.dirname, '../baselines/bare-oidc-provider.ts')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        BENCH_CLIENT_JWKS: JSON.stringify(jwks),
        BENCH_INTROSPECTOR_SECRET: secret,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await waitForListening(child);
  return {
    issuer: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function tokenLoad(issuer: string, clientId: string, key: JWK, scope: string | undefined) {
  return {
    url: `${issuer}/token`,
    requestModule: assertionModule,
    requestOptions: {
      clientId,
      audience: `${issuer}/token`,
      privateJwk: key,
      scope: scope ?? '',
      count: assertionsNeeded,
    },
  };
}

async function introspectLoad(issuer: string, key: JWK, secret: string, scope: string | undefined) {
  const assertion = await createClientAssertion({
    clientId: 'bench-es384',
    audience: `${issuer}/token`,
    key,
  });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...(scope ? { scope } : {}),
  });
  const reply = (await (await fetch(`${issuer}/token`, { method: 'POST', body: form })).json()) as {
    access_token: string;
  };
  return {
    url: `${issuer}/token/introspection`,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`bench-introspector:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token: reply.access_token }).toString(),
  };
}

function ours(
  name: string,
  database: BenchDatabase,
  kind: 'token' | 'introspect',
  clientId: string,
  compareTo: string,
): Scenario {
  return {
    name,
    compareTo,
    async setup() {
      const keys = await benchKeys(['ES384', 'ES256']);
      const server = await startBenchAuth(database, keys);
      const key = keys[clientId] as JWK;
      const load =
        kind === 'token'
          ? tokenLoad(server.issuer, clientId, key, SCOPE)
          : await introspectLoad(server.issuer, keys['bench-es384'] as JWK, server.introspectorSecret, SCOPE);
      return {
        load,
        database,
        memory: server.memory,
        pids: server.pids,
        stop: server.stop,
        ...(server.sameWork ? { sameWork: server.sameWork } : {}),
      };
    },
  };
}

function bare(name: string, kind: 'token' | 'introspect', clientId: string): Scenario {
  return {
    name,
    async setup() {
      const keys = await benchKeys(['ES384', 'ES256']);
      const secret = 'bench-introspector-secret';
      const server = await startBare(keys, secret);
      const key = keys[clientId] as JWK;
      const load =
        kind === 'token'
          ? tokenLoad(server.issuer, clientId, key, undefined)
          : await introspectLoad(server.issuer, keys['bench-es384'] as JWK, secret, undefined);
      return { load, database: 'memory', stop: server.stop };
    },
  };
}

export const scenarios: Scenario[] = [
  bare('bare-oidc-provider token', 'token', 'bench-es384'),
  ours('token-backend', 'postgresql', 'token', 'bench-es384', 'bare-oidc-provider token'),
  ours('token-backend', 'pglite', 'token', 'bench-es384', 'bare-oidc-provider token'),
  bare('bare-oidc-provider token ES256', 'token', 'bench-es256'),
  ours('token-backend ES256', 'postgresql', 'token', 'bench-es256', 'bare-oidc-provider token ES256'),
  bare('bare-oidc-provider introspect', 'introspect', 'bench-es384'),
  ours('introspect', 'postgresql', 'introspect', 'bench-es384', 'bare-oidc-provider introspect'),
  ours('introspect', 'pglite', 'introspect', 'bench-es384', 'bare-oidc-provider introspect'),
];
