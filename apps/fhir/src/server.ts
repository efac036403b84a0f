import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type FastSql, groupCalls, type PrismaClient } from '@openpas/db';
import { FhirRequestError } from '@openpas/fhir';
import { readResources } from '@openpas/fhir-store';
import { smartConfiguration } from '@openpas/smart';
import { createAuditWriter } from './audit-writer.ts';
import { createAccessContexts } from './auth/access-context.ts';
import type { FhirEnv } from './env.ts';
import { guideFor } from './guide.ts';
import { badRequest, FhirHttpError, noToken, notFound } from './http/errors.ts';
import { createLimiter } from './http/limiter.ts';
import { sendFhir } from './http/respond.ts';
import type { Logger } from './logger.ts';
import { type NotificationWorker, startNotificationWorker } from './notifications/worker.ts';
import { readAuditEvent, searchAuditEvents } from './routes/audit-events.ts';
import { READ_ONLY_TYPES, SUPPORTED_TYPES } from './routes/context.ts';
import { create } from './routes/create.ts';
import { decideCase } from './routes/decide.ts';
import { history } from './routes/history.ts';
import { capabilityStatement } from './routes/metadata.ts';
import { read } from './routes/read.ts';
import { search } from './routes/search.ts';
import { submitBundle, validateBundle } from './routes/submit-bundle.ts';
import { update } from './routes/update.ts';

export interface FhirServer {
  server: Server;
  /** The Subscription delivery worker of this instance */
  notifications: NotificationWorker;
  close(): Promise<void>;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function formBody(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new FhirHttpError(413, 'too-costly', `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function createFhirServer(options: {
  env: FhirEnv;
  prisma: PrismaClient;
  /** Hand-written SQL for the per-request token check */
  sql: FastSql;
  logger: Logger;
  /** How often queued Subscription notifications are looked for (default 1 s) */
  notificationIntervalMs?: number;
}): FhirServer {
  const { env, prisma, sql, logger } = options;
  const basePath = new URL(env.FHIR_BASE_URL).pathname.replace(/\/+$/, '');
  const metadata = capabilityStatement(env);
  // Bundles handled at once by this process (the rest queue): bounds its memory under load.
  const submissions = createLimiter(env.FHIR_SUBMIT_CONCURRENCY);
  const audit = createAuditWriter(sql);
  const accessContexts = createAccessContexts(sql, env.FHIR_BASE_URL);
  const readGrouped = groupCalls((keys: readonly { resourceType: string; id: string }[]) =>
    readResources(sql, keys),
  );
  const readCurrent = (resourceType: string, id: string) => readGrouped({ resourceType, id });
  // A configured implementation guide is read now: a wrong FHIR_IG_PATH stops the start-up.
  const guide = guideFor(env.FHIR_IG_PATH);
  if (guide) logger.info({ profiles: guide.profiles.size }, 'implementation guide loaded');
  const smart = smartConfiguration({
    issuer: env.AUTH_ISSUER,
    managementEndpoint: `${env.AUTH_ISSUER}/account/apps`,
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://internal');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      try {
        // Both connection pools: hand-written SQL (most requests) and Prisma's.
        await Promise.all([sql.query('SELECT 1'), prisma.$queryRaw`SELECT 1`]);
        return sendJson(res, 200, { status: 'ready' });
      } catch {
        return sendJson(res, 503, { status: 'database unavailable' });
      }
    }
    if (!url.pathname.startsWith(`${basePath}/`) && url.pathname !== basePath) throw notFound(url.pathname);
    const path = url.pathname.slice(basePath.length).replace(/\/+$/, '');
    if (path === '/.well-known/smart-configuration' && req.method === 'GET') {
      return sendJson(res, 200, smart, { 'Access-Control-Allow-Origin': '*' });
    }
    if (path === '/metadata' && req.method === 'GET') return sendFhir(res, 200, metadata);

    const accept = String(req.headers.accept ?? '');
    if (accept && !/json|\*\/\*/i.test(accept)) {
      throw new FhirHttpError(406, 'not-supported', 'this server answers application/fhir+json only');
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) throw noToken();
    const access = await accessContexts(bearer);

    const [, resourceType = '', id, historyPart, versionId, extra] = path.split('/');
    if (!SUPPORTED_TYPES.has(resourceType)) throw notFound(`resource type ${resourceType || '(none)'}`);
    if (id !== undefined && id !== '_search' && id !== '$validate' && !ID.test(id))
      throw badRequest(`"${id}" is not a valid resource id`);
    const interaction = {
      req,
      res,
      prisma,
      sql,
      audit,
      readCurrent,
      env,
      access,
      requestId,
      resourceType,
      query: url.searchParams,
    } as const;
    const method = req.method ?? 'GET';
    if (resourceType === 'Bundle' && id === '$validate' && historyPart === undefined && method === 'POST') {
      return submissions.run(() => validateBundle(interaction));
    }

    if (resourceType === 'AuditEvent' && method === 'GET' && historyPart === undefined) {
      return id === undefined ? searchAuditEvents(interaction) : readAuditEvent({ ...interaction, id });
    }
    if (id === undefined) {
      if (method === 'GET') return search(interaction, url.searchParams);
      if (method === 'POST' && resourceType === 'Bundle')
        return submissions.run(() => submitBundle(interaction));
      if (method === 'POST' && !READ_ONLY_TYPES.has(resourceType)) return create(interaction);
    } else if (id === '_search' && method === 'POST') {
      return search(interaction, await formBody(req, env.FHIR_MAX_BODY_BYTES));
    } else if (historyPart === '$decide' && resourceType === 'ClaimResponse' && method === 'POST') {
      return decideCase({ ...interaction, id });
    } else if (historyPart === undefined) {
      if (method === 'GET') return read({ ...interaction, id });
      if (method === 'PUT' && !READ_ONLY_TYPES.has(resourceType)) return update({ ...interaction, id });
    } else if (historyPart === '_history' && extra === undefined && method === 'GET') {
      if (versionId === undefined) return history({ ...interaction, id });
      if (/^\d{1,9}$/.test(versionId)) return read({ ...interaction, id, versionId });
    }
    throw new FhirHttpError(405, 'not-supported', `${method} ${path} is not supported`);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
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
    route(req, res, requestId).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof FhirHttpError) {
        sendFhir(res, error.status, error.outcome, error.headers);
        return;
      }
      if (error instanceof FhirRequestError) return sendFhir(res, error.status, error.outcome);
      logger.error({ err: error, requestId }, 'unhandled error');
      sendFhir(res, 500, new FhirHttpError(500, 'exception', 'unexpected error').outcome);
    });
  });
  server.keepAliveTimeout = 65_000;
  const notifications = startNotificationWorker(prisma, logger, options.notificationIntervalMs);
  return {
    server,
    notifications,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      await notifications.stop();
    },
  };
}
