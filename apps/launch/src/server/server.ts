import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { closeGracefully } from '@openpas/server-shutdown';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import type { LaunchEnv } from '../env.ts';
import { browserConfig, contentSecurityPolicy } from './config.ts';

export interface LaunchServerOptions {
  env: LaunchEnv;
  logger: Logger;
  /** The built single-page app (vite build's output) */
  distDir: string;
}

/**
 * The launch app's host: the built pages and their assets, /config.json, /healthz and /readyz, and the
 * page itself for every other path (the app routes in the browser). No state: any number of these can
 * stand behind a load balancer.
 */
export async function createLaunchServer({ env, logger, distDir }: LaunchServerOptions) {
  // Paths only: a query string here carries authorization codes, launch ids and state (/callback, /launch).
  const requestLog = logger.child(
    {},
    {
      serializers: {
        req: (request: { method?: string; url?: string; id?: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url?.split('?')[0],
        }),
      },
    },
  );
  const app = Fastify({ loggerInstance: requestLog, bodyLimit: 16 * 1024 });
  const graceful = closeGracefully(app.server);
  app.addHook('preClose', (done) => {
    graceful.closeUnused();
    done();
  });
  const csp = contentSecurityPolicy(env);
  const config = browserConfig(env);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Content-Security-Policy', csp);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) =>
    existsSync(join(distDir, 'index.html'))
      ? { status: 'ready' }
      : reply.code(503).send({ status: 'the app is not built (pnpm --filter @openpas/launch build)' }),
  );
  app.get('/config.json', async (_request, reply) => reply.header('Cache-Control', 'no-store').send(config));

  await app.register(fastifyStatic, {
    root: distDir,
    index: false,
    wildcard: false,
    setHeaders(response, path) {
      // Hashed asset names never change; the page itself is always fetched fresh.
      response.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return reply.code(405).send({ error: 'method not allowed' });
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? ''))
      return reply.code(404).send({ error: 'not found' });
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  return app;
}
