import { createLogger as authLogger, createAuthServer, readAuthEnv } from '@openpas/auth';
import { type Database, openFastSql } from '@openpas/db';
import { seedSandbox } from '@openpas/fhir-store';
import { createClientAssertion, generateKeyPair, type JWK } from '@openpas/jwt';
// One loopback-port finder for every test server: the auth server's test harness has it.
import { freePort } from '../../auth/test/harness.ts';
import { readFhirEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { createFhirServer } from '../src/server.ts';

export { freePort };

export interface Platform {
  issuer: string;
  base: string;
  /** Runs the Subscription delivery worker once, now */
  deliverNotifications(): Promise<number>;
  /** A token for one of the backend clients registered by `backendClient` */
  token(clientId: string, scope: string): Promise<string>;
  /** Revokes a token at the auth server's revocation endpoint (RFC 7009) */
  revoke(clientId: string, token: string): Promise<number>;
  /** Registers an approved backend client of an organisation ('0101090517' hospital A, '0131020016' B, 'A21030000I' payer) */
  backendClient(clientId: string, nhiCode: string, scopes: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real auth server and FHIR API on loopback over one seeded database, configured as a plain start
 * (the bundled guide, its validation on) with one guide thread unless `env` says otherwise; `plain`
 * sets nothing of the FHIR API's but its addresses (guide threads: half the cores).
 */
export async function startPlatform(
  db: Database,
  options: { env?: Record<string, string>; plain?: boolean } = {},
): Promise<Platform> {
  await seedSandbox(db);
  const [authPort, fhirPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${authPort}`;
  const base = `http://127.0.0.1:${fhirPort}/fhir`;
  const auth = await createAuthServer({
    env: readAuthEnv({ NODE_ENV: 'test', AUTH_ISSUER: issuer, FHIR_BASE_URL: base, LOG_LEVEL: 'silent' }),
    db,
    logger: authLogger('silent'),
    cookieKeys: ['test-cookie-key-test-cookie-key-test'],
    registrationToken: undefined,
  });
  const sql = await openFastSql(db);
  const fhir = await createFhirServer({
    env: readFhirEnv({
      NODE_ENV: 'test',
      FHIR_BASE_URL: base,
      AUTH_ISSUER: issuer,
      LOG_LEVEL: 'silent',
      ...(options.plain ? {} : { FHIR_GUIDE_THREADS: '1', ...options.env }),
    }),
    sql,
    logger: createLogger('silent'),
    notificationIntervalMs: 100,
  });
  await new Promise<void>((done) => auth.server.listen(authPort, '127.0.0.1', done));
  await fhir.listen(fhirPort, '127.0.0.1');
  const keys = new Map<string, JWK>();
  return {
    issuer,
    base,
    deliverNotifications: () => fhir.notifications.tick(),
    async backendClient(clientId, nhiCode, scopes) {
      const { privateJwk, publicJwk } = await generateKeyPair('ES256');
      keys.set(clientId, privateJwk);
      const org = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode } });
      await db.prisma.oAuthClient.create({
        data: {
          clientId,
          organizationId: org.id,
          allowedScopes: scopes,
          reviewStatus: 'approved',
          metadata: {
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
            token_endpoint_auth_method: 'private_key_jwt',
            jwks: { keys: [publicJwk] },
          } as never,
        },
      });
    },
    async revoke(clientId, token) {
      const key = keys.get(clientId);
      if (!key) throw new Error(`no key for ${clientId}`);
      const assertion = await createClientAssertion({ clientId, audience: `${issuer}/token`, key });
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        body: new URLSearchParams({
          token,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      });
      return response.status;
    },
    async token(clientId, scope) {
      const key = keys.get(clientId);
      if (!key) throw new Error(`no key for ${clientId}`);
      const assertion = await createClientAssertion({ clientId, audience: `${issuer}/token`, key });
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope,
        }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token for ${clientId}: ${body.error_description}`);
      return body.access_token;
    },
    async stop() {
      await fhir.close();
      await auth.close();
      await sql.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function call(
  url: string,
  token: string | undefined,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined
      ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
      : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
