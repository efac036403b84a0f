import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Database, openFastSql } from '@openpas/db';
import { smartConfiguration } from '@openpas/smart';
import Provider, { type errors, type KoaContextWithOIDC } from 'oidc-provider';
import { handleAccountApps } from './account/apps-page.ts';
import type { AuthEnv } from './env.ts';
import { FormTokens } from './http/forms.ts';
import { sendJson } from './http/json.ts';
import { TokenRateLimiter } from './http/rate-limit.ts';
import { setNoStore, setSecurityHeaders } from './http/security-headers.ts';
import { handleInteraction } from './interactions/routes.ts';
import { loadKeyRing } from './keys/key-store.ts';
import { handleLaunchApi } from './launch/launch-api.ts';
import { handleSandboxEhrLaunch } from './launch/sandbox-ehr-launch.ts';
import type { Logger } from './logger.ts';
import { SMART_STYLE } from './pages/smart-style.ts';
import { introspectWithBearer } from './provider/bearer-introspection.ts';
import {
  GRANT_TTL_SECONDS,
  providerConfiguration,
  SESSION_TTL_SECONDS,
  secureCookiesFor,
  sessionCookieOptions,
} from './provider/configuration.ts';
import { addContextToTokenResponse } from './provider/token-context.ts';
import { PasswordSignIn } from './session/password-sign-in.ts';
import { ClientStore, clientSecretMatches } from './storage/client-store.ts';
import { sweepExpired } from './storage/oidc-adapter.ts';

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
  registrationToken: string | undefined;
}

const TOKEN_PATHS = new Set(['/token', '/token/introspection', '/token/revocation']);

export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const { env, db, logger } = options;
  const prisma = db.prisma;
  const sql = await openFastSql(db);
  const clients = new ClientStore(prisma, sql);
  const limiter = new TokenRateLimiter(env.AUTH_TOKEN_RATE_PER_MINUTE);
  const keys = await loadKeyRing(prisma);
  const provider = new Provider(
    env.AUTH_ISSUER,
    providerConfiguration({
      env,
      prisma,
      sql,
      clients,
      keys,
      limiter,
      cookieKeys: options.cookieKeys,
      registrationToken: options.registrationToken,
    }),
  );
  // Cookies are marked Secure when the issuer is https (TLS may end at a proxy) or loopback http, which
  // browsers treat as a secure context; see secureCookiesFor.
  const secureCookies = secureCookiesFor(env.AUTH_ISSUER);
  if (secureCookies) {
    const createContext = provider.createContext.bind(provider);
    provider.createContext = (req, res) => {
      const ctx = createContext(req, res);
      ctx.cookies.secure = true;
      return ctx;
    };
  }
  provider.use(addContextToTokenResponse);
  provider.Client.prototype.compareClientSecret = function compare(
    this: { clientSecret?: string },
    given: string,
  ) {
    return clientSecretMatches(this.clientSecret, given);
  };
  // oidc-provider keeps the precise reason for a failed client authentication in error_detail; the
  // developer deserves it in error_description (it never contains the assertion or a secret).
  const explain = (event: string) => (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    const body = ctx.body as Record<string, unknown> | undefined;
    if (
      body &&
      error.error === 'invalid_client' &&
      error.error_detail &&
      body.error_description === 'client authentication failed'
    ) {
      body.error_description = `client authentication failed: ${error.error_detail}`;
    }
    logger.info(
      { event, error: error.error, detail: body?.error_description, requestId: ctx.get('x-request-id') },
      'oauth error',
    );
  };
  provider.on('grant.error', explain('grant.error'));
  provider.on('introspection.error', explain('introspection.error'));
  provider.on('revocation.error', explain('revocation.error'));
  provider.on('server_error', (_ctx, error: Error) =>
    logger.error({ err: error }, 'oidc-provider server error'),
  );
  provider.on('registration_create.success', (ctx) => {
    const body = ctx.body as Record<string, unknown>;
    body.openpas_review_status = 'pending';
  });

  const providerHandler = provider.callback();
  const https = env.AUTH_ISSUER.startsWith('https:');
  const smartDocument = smartConfiguration({
    issuer: env.AUTH_ISSUER,
    managementEndpoint: `${env.AUTH_ISSUER}/account/apps`,
  });
  const issuerPath = new URL(env.AUTH_ISSUER).pathname.replace(/\/+$/, '');
  const forms = new FormTokens(options.cookieKeys[0] ?? '');
  const passwordSignIn = new PasswordSignIn({
    sql,
    logger,
    trustedProxies: env.AUTH_TRUSTED_PROXIES,
    cookieKey: options.cookieKeys[0] ?? '',
    secureCookies,
  });
  const webSignIn = {
    provider,
    prisma,
    forms,
    passwordSignIn,
    secureCookies,
    sessionCookie: sessionCookieOptions(env.AUTH_ISSUER),
    sessionTtlSeconds: SESSION_TTL_SECONDS,
    basePath: issuerPath,
  };
  const sandboxRoutes = env.NODE_ENV !== 'production' && env.OPENPAS_SANDBOX !== '0';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]?.slice(issuerPath.length) || '/';
    setSecurityHeaders(res, https);
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return sendJson(res, 200, { status: 'ready' });
      } catch {
        return sendJson(res, 503, { status: 'database unavailable' });
      }
    }
    if (path === '/.well-known/smart-configuration' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, smartDocument, {
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=300',
      });
    }
    if (path === '/smart-style.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, SMART_STYLE, {
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=3600',
      });
    }
    if (path.startsWith('/interaction/')) {
      return handleInteraction(
        {
          provider,
          prisma,
          env,
          forms,
          passwordSignIn,
          basePath: issuerPath,
          grantTtlSeconds: GRANT_TTL_SECONDS,
        },
        req,
        res,
        path,
      );
    }
    if (path === '/api/launch') return handleLaunchApi(provider, prisma, req, res);
    if (path === '/sandbox/ehr-launch' && sandboxRoutes) {
      return handleSandboxEhrLaunch({ ...webSignIn, fhirBaseUrl: env.FHIR_BASE_URL }, req, res);
    }
    if (path === '/account/apps' || path.startsWith('/account/apps/')) {
      return handleAccountApps(webSignIn, req, res, path);
    }
    if (TOKEN_PATHS.has(path)) setNoStore(res);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (path === '/token/introspection' && req.method === 'POST' && bearer) {
      return introspectWithBearer(provider, bearer, req, res);
    }
    await providerHandler(req, res);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'unhandled error');
      if (!res.headersSent)
        sendJson(res, 500, { error: 'server_error', error_description: 'unexpected error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  const sweeper = setInterval(() => {
    sweepExpired(prisma).catch((error: unknown) =>
      logger.warn({ err: error }, 'sweeping expired tokens failed'),
    );
  }, 5 * 60_000);
  sweeper.unref();

  return {
    server,
    provider,
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      await sql.close();
    },
  };
}
