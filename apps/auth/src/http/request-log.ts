import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.ts';

/** Gives each request an id (the caller's X-Request-Id, or a new one), echoes it, and logs the outcome. */
export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const requestId = ctx.get('x-request-id').slice(0, 64) || randomUUID();
    ctx.state.requestId = requestId;
    // oidc-provider's events see the request headers, not ctx.state.
    ctx.req.headers['x-request-id'] = requestId;
    ctx.set('X-Request-Id', requestId);
    ctx.res.once('finish', () => {
      logger.info(
        {
          requestId,
          method: ctx.method,
          path: ctx.originalUrl.split('?')[0],
          status: ctx.res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    await next();
  };
}
