import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import cors from '@fastify/cors';
import { type FastSql, ping } from '@openpas/db';
import { createResourceStore } from '@openpas/fhir-store';
import { closeGracefully } from '@openpas/server-shutdown';
import { bearerToken, smartConfiguration } from '@openpas/smart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FhirEnv } from './env.ts';
import { startGuideLayer } from './guide.ts';
import { startHousekeeping } from './housekeeping.ts';
import { createAuthenticator } from './http/authenticate.ts';
import { registerBodyParsers } from './http/body.ts';
import { answerConnectionError } from './http/connection-errors.ts';
import { FHIR_CORS } from './http/cors.ts';
import { languageOf, toHttpError } from './http/error-map.ts';
import { badRequest, FhirHttpError, noToken, notFound } from './http/errors.ts';
import { createLimiter } from './http/limiter.ts';
import { FHIR_JSON, sendFhir } from './http/reply.ts';
import { header, paramsOf } from './http/request.ts';
import type { Logger } from './logger.ts';
import { type NotificationWorker, startNotificationWorker } from './notifications/worker.ts';
import type { ApiContext } from './routes/api-context.ts';
import { capabilityStatement } from './routes/metadata.ts';
import { READ_ONLY_TYPES, SUPPORTED_TYPES, TERMINOLOGY_TYPES } from './routes/resource-types.ts';
import { type FhirRoute, fhirRouteTable } from './routes/table.ts';

export interface FhirServer {
  /** Listens on `port` (0: any free one) and resolves with the port */
  listen(port: number, host: string): Promise<number>;
  server: Server;
  /** The Subscription delivery worker of this instance */
  notifications: NotificationWorker;
  close(): Promise<void>;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The FHIR API on Fastify: one route table (routes/table.ts), one token check, one error handler. */
export async function createFhirServer(options: {
  env: FhirEnv;
  /** Hand-written SQL over the platform database */
  sql: FastSql;
  logger: Logger;
  /** How often queued Subscription notifications are looked for (default 1 s) */
  notificationIntervalMs?: number;
}): Promise<FhirServer> {
  const { env, sql, logger } = options;
  const basePath = new URL(env.FHIR_BASE_URL).pathname.replace(/\/+$/, '');
  // The guide's packages are read and its worker threads started now: a wrong FHIR_IG_PATH stops the start-up.
  const guide = await startGuideLayer(env, logger);
  const store = createResourceStore({
    sql,
    subscriptions: { allowLoopbackHttp: env.NODE_ENV !== 'production' },
    maxHistory: env.FHIR_MAX_COUNT,
    maxCount: env.FHIR_MAX_COUNT,
  });
  const api: ApiContext = {
    env,
    store,
    guide,
    terminology: guide.terminology,
    submissions: {
      sql,
      audit: store.audit,
      baseUrl: env.FHIR_BASE_URL,
      guide: guide.validator,
      profiles: guide.profiles,
      maxEntries: env.FHIR_MAX_BUNDLE_ENTRIES,
    },
    decisions: { sql, audit: store.audit },
  };
  const callers = createAuthenticator(sql, env.FHIR_BASE_URL);
  // Bundles handled at once by this process (the rest queue, bodies unread): bounds its memory under load.
  const submissions = createLimiter(env.FHIR_SUBMIT_CONCURRENCY);

  const app: FastifyInstance = Fastify({
    bodyLimit: env.FHIR_MAX_BODY_BYTES,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // Errors found before routing (a URL that does not decode, refused headers) get OperationOutcomes too.
    frameworkErrors: (error, request, reply) => {
      const failure = toHttpError(error, { bodyLimit: env.FHIR_MAX_BODY_BYTES, language: 'en' });
      // Refused before the hooks run, CORS included: the browser app still gets to read why.
      reply
        .header('X-Request-Id', request.id)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Access-Control-Allow-Origin', FHIR_CORS.origin);
      return sendFhir(reply, failure.status, failure.outcome, failure.headers);
    },
    clientErrorHandler: answerConnectionError,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return (typeof given === 'string' && given.slice(0, 64)) || randomUUID();
    },
  });
  app.decorateRequest('caller', undefined);
  const graceful = closeGracefully(app.server);
  app.addHook('preClose', (done) => {
    graceful.closeUnused();
    done();
  });
  registerBodyParsers(app);
  // Before every other hook and route: preflights are answered here, and errors keep the headers.
  await app.register(cors, FHIR_CORS);

  // The hooks every request passes through take a callback rather than return a promise (one fewer a hook).
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers({
      'X-Request-Id': request.id,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info'))
      logger.info(
        {
          requestId: request.id,
          method: request.method,
          path: request.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const failure = toHttpError(error, {
      bodyLimit: env.FHIR_MAX_BODY_BYTES,
      language: languageOf(header(request, 'accept-language')),
    });
    if (failure.status === 503) logger.warn({ err: error, requestId: request.id }, 'database unavailable');
    else if (failure.status >= 500) logger.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendFhir(reply, failure.status, failure.outcome, failure.headers);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const type = path.startsWith(`${basePath}/`) ? path.slice(basePath.length + 1).split('/')[0] : undefined;
    const failure =
      type && (SUPPORTED_TYPES.has(type) || TERMINOLOGY_TYPES.has(type))
        ? new FhirHttpError(
            405,
            'not-supported',
            `${request.method} ${path.slice(basePath.length)} is not supported`,
          )
        : notFound(type ? `resource type ${type}` : path);
    return sendFhir(reply, failure.status, failure.outcome);
  });

  app.get('/healthz', async (_request, reply) => reply.send({ status: 'ok' }));
  // The guide layer's state is part of readiness, so an operator sees when it was switched off.
  const guideState = { validation: guide.validation, packages: guide.packages };
  app.get('/readyz', async (_request, reply) => {
    try {
      await ping(sql);
      return reply.send({ status: 'ready', guide: guideState });
    } catch {
      return reply.code(503).send({ status: 'database unavailable', guide: guideState });
    }
  });

  const metadata = JSON.stringify(capabilityStatement(env, guide.instantiates));
  const smart = smartConfiguration({
    issuer: env.AUTH_ISSUER,
    managementEndpoint: `${env.AUTH_ISSUER}/account/apps`,
  });
  await app.register(
    async (fhir) => {
      // Public: the server's own description.
      fhir.get('/metadata', async (_request, reply) => reply.type(FHIR_JSON).send(metadata));
      fhir.get('/.well-known/smart-configuration', async (_request, reply) => reply.send(smart));
      // Everything else: behind the token check.
      await fhir.register(async (secured) => {
        secured.addHook('onRequest', async (request) => {
          const accept = header(request, 'accept') ?? '';
          if (accept && !/json|\*\/\*/i.test(accept))
            throw new FhirHttpError(406, 'not-supported', 'this server answers application/fhir+json only');
          const token = bearerToken(header(request, 'authorization'));
          if (!token) throw noToken();
          request.caller = await callers(token);
          checkParams(request);
        });
        for (const route of fhirRouteTable(api)) secured.route(routeOptions(route));
      });
    },
    { prefix: basePath },
  );

  function routeOptions(route: FhirRoute) {
    return {
      method: route.method,
      url: route.url,
      handler: route.handler,
      ...(route.writes ? { config: { writes: true } } : {}),
      ...(route.bundleBody
        ? {
            preParsing: async (request: FastifyRequest, reply: FastifyReply) => {
              const release = await submissions.acquire();
              // The place is given up when the response closes, whether it was sent or the client went
              // away; a client that left while it waited in line gives it up at once, unread.
              if (reply.raw.destroyed || request.raw.destroyed) {
                release();
                throw new FhirHttpError(
                  400,
                  'incomplete',
                  'the client closed the connection before its Bundle was read',
                );
              }
              reply.raw.once('close', release);
            },
          }
        : {}),
    };
  }

  /** `:type` names a type this server serves (a read-only one only for reading), `:id` is a FHIR id. */
  function checkParams(request: FastifyRequest): void {
    const { type, id } = paramsOf(request);
    const config = request.routeOptions.config as { writes?: boolean };
    if (type && TERMINOLOGY_TYPES.has(type))
      throw new FhirHttpError(
        405,
        'not-supported',
        `${type} is served read-only from the loaded implementation guides: read, search and its operations`,
      );
    if (type && !SUPPORTED_TYPES.has(type)) throw notFound(`resource type ${type}`);
    if (type && config.writes && READ_ONLY_TYPES.has(type))
      throw new FhirHttpError(405, 'not-supported', `${type} is read-only`);
    if (id && !ID.test(id)) throw badRequest(`"${id}" is not a valid resource id`);
  }

  await app.ready();
  const notifications = startNotificationWorker(sql, logger, options.notificationIntervalMs);
  const housekeeping = startHousekeeping(sql, logger);
  return {
    server: app.server,
    notifications,
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    async close() {
      await app.close();
      housekeeping.stop();
      await notifications.stop();
      await guide.close();
    },
  };
}
