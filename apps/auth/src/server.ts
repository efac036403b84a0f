import { createServer, type Server } from 'node:http';
import { launchPermission } from '@openpas/app-registry';
import {
  AccountStore,
  appOfClient,
  createJtiRecorder,
  LaunchContextStore,
  loadKeyRing,
  OAuthClientStore,
  OidcPayloadStore,
  sweepExpired,
  sweepObservations,
} from '@openpas/auth-store';
import { type Database, openFastSql, ping, sandboxEnabled } from '@openpas/db';
import { createPatientDirectory } from '@openpas/fhir-store';
import { closeGracefully } from '@openpas/server-shutdown';
import { smartConfiguration } from '@openpas/smart';
import Koa from 'koa';
import mount from 'koa-mount';
import type Provider from 'oidc-provider';
import type { AuthEnv } from './env.ts';
import { limitBodies } from './http/body.ts';
import { answerConnectionError } from './http/connection-errors.ts';
import { errorHandler } from './http/errors.ts';
import { FormTokens } from './http/forms.ts';
import { publicOrigin } from './http/public-origin.ts';
import { TokenRateLimiter } from './http/rate-limit.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import type { Logger } from './logger.ts';
import {
  GRANT_TTL_SECONDS,
  SESSION_TTL_SECONDS,
  SIGNING_ALGS,
  sessionCookieOptions,
} from './provider/configuration.ts';
import { createProvider } from './provider/create-provider.ts';
import { authRoutes } from './routes.ts';
import { PasswordSignIn } from './session/password-sign-in.ts';
import { ClientStore } from './storage/client-store.ts';

export interface AuthServer {
  server: Server;
  provider: Provider;
  /** Stops accepting requests and waits for those in flight */
  close(): Promise<void>;
}

export interface AuthServerOptions {
  env: AuthEnv;
  db: Database;
  logger: Logger;
  cookieKeys: string[];
  /** Initial access tokens for dynamic registration; none (the default) turns registration off */
  registrationTokens?: string[];
  /** @deprecated the single-token form, kept for callers not yet moved to registrationTokens */
  registrationToken?: string | undefined;
}

export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const { env, db, logger } = options;
  // The one query runner every store of the auth server's tables runs on (@openpas/auth-store).
  const sql = await openFastSql(db);
  const payloads = new OidcPayloadStore(sql);
  const clientRecords = new OAuthClientStore(sql);
  const accounts = new AccountStore(sql);
  const launches = new LaunchContextStore(sql);
  const clients = new ClientStore(
    clientRecords,
    (clientId) => appOfClient(sql, clientId),
    sandboxEnabled(env),
  );
  const provider = await createProvider({
    env,
    accounts,
    launches,
    payloads,
    clients,
    firstJtiUse: createJtiRecorder(sql),
    keys: await loadKeyRing(sql, SIGNING_ALGS),
    limiter: new TokenRateLimiter(env.AUTH_TOKEN_RATE_PER_MINUTE),
    cookieKeys: options.cookieKeys,
    registrationTokens:
      options.registrationTokens ?? (options.registrationToken ? [options.registrationToken] : []),
    logger,
    observations: sandboxEnabled(env) ? sql : undefined,
  });

  const https = env.AUTH_ISSUER.startsWith('https:');
  const basePath = new URL(env.AUTH_ISSUER).pathname.replace(/\/+$/, '');
  const forms = new FormTokens(options.cookieKeys[0] ?? '');
  // Every password form (interactions, the account page, the sandbox launcher) goes through the throttle,
  // with the client address as AUTH_TRUSTED_PROXIES allows.
  const passwordSignIn = new PasswordSignIn({
    sql,
    logger,
    trustedProxies: env.AUTH_TRUSTED_PROXIES,
    cookieKey: options.cookieKeys[0] ?? '',
  });
  const patients = createPatientDirectory(sql);
  const routes = authRoutes({
    provider,
    accounts,
    launches,
    databaseReady: () => ping(sql),
    payloads,
    patients,
    clients: clientRecords,
    basePath,
    smartConfiguration: smartConfiguration({
      issuer: env.AUTH_ISSUER,
      managementEndpoint: `${env.AUTH_ISSUER}/account/apps`,
    }),
    interactions: {
      provider,
      accounts,
      launches,
      payloads,
      patients,
      env,
      forms,
      passwordSignIn,
      basePath,
      grantTtlSeconds: GRANT_TTL_SECONDS,
      launchPermission: (clientId, userId) => launchPermission(sql, clientId, userId),
    },
    webSignIn: {
      provider,
      accounts,
      patients,
      forms,
      passwordSignIn,
      sessionCookie: sessionCookieOptions(env.AUTH_ISSUER),
      sessionTtlSeconds: SESSION_TTL_SECONDS,
    },
    fhirBaseUrl: env.FHIR_BASE_URL,
    sandbox: sandboxEnabled(env),
    acceptedSecretDigest: (req, clientId, digest) => clients.acceptedSecretDigest(req, clientId, digest),
  });

  const app = new Koa();
  app.keys = options.cookieKeys;
  // An https issuer means TLS ends at a proxy: URLs (discovery, assertion audiences) come out https from
  // the forwarded headers, which http/public-origin.ts sets from the issuer.
  app.proxy = https;
  app.use(requestLog(logger));
  app.use(securityHeaders(https));
  app.use(errorHandler(logger));
  app.use(limitBodies);
  app.use(publicOrigin(env.AUTH_ISSUER));
  app.use(routes.routes());
  // As oidc-provider documents for Koa ("Mounting oidc-provider"): it runs with this app's context.
  app.use(mount(basePath || '/', provider));

  const server = createServer(app.callback());
  server.on('clientError', answerConnectionError);
  server.keepAliveTimeout = 65_000;
  const graceful = closeGracefully(server);

  const sweeper = setInterval(() => {
    sweepExpired(sql).catch((error: unknown) =>
      logger.warn({ err: error }, 'sweeping expired tokens failed'),
    );
    if (sandboxEnabled(env)) {
      sweepObservations(sql).catch((error: unknown) =>
        logger.warn({ err: error }, 'sweeping old sandbox observations failed'),
      );
    }
  }, 5 * 60_000);
  sweeper.unref();

  return {
    server,
    provider,
    async close() {
      clearInterval(sweeper);
      await graceful.close();
      await sql.close();
    },
  };
}
