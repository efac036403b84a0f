import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@openpas/db';
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger.ts';
import { messages, pickLocale } from '../pages/i18n.ts';
import { html, page, sendHtml } from '../pages/layout.ts';
import { sendJson } from './json.ts';

/** An answer a handler gives by throwing: RFC 6749-shaped for APIs, an error page for pages. */
export class HttpError extends Error {
  readonly status: number;
  readonly error: string;
  readonly headers: Record<string, string>;

  constructor(status: number, error: string, description: string, headers: Record<string, string> = {}) {
    super(description);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

export function invalidRequest(description: string, status = 400): HttpError {
  return new HttpError(status, 'invalid_request', description);
}

export function invalidToken(description: string): HttpError {
  return new HttpError(401, 'invalid_token', description, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
}

/**
 * The database cannot serve now (restarting, unreachable, out of connections or disk): RFC 6749's
 * temporarily_unavailable with 503 and Retry-After, so clients retry instead of giving up.
 */
export function temporarilyUnavailable(): HttpError {
  return new HttpError(
    503,
    'temporarily_unavailable',
    'the service is unavailable for the moment; retry later',
    {
      'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
    },
  );
}

/**
 * Rewrites an answer oidc-provider already made for an error of its own endpoints (its server_error 500)
 * when the error was the database's: the same 503 temporarily_unavailable as our routes give.
 */
export function answerIfDatabaseUnavailable(ctx: Context, error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  const answer = temporarilyUnavailable();
  ctx.status = answer.status;
  ctx.set(answer.headers);
  ctx.set('Cache-Control', 'no-store');
  if (typeof ctx.body !== 'string') ctx.body = { error: answer.error, error_description: answer.message };
  return true;
}

/** Marks the routes that answer with pages (their errors are pages too). */
export const pageRoute: Middleware = (ctx, next) => {
  ctx.state.page = true;
  return next();
};

/**
 * The one place errors become answers. Anything that is not an HttpError is a fault of ours: logged, and
 * answered 500 server_error without its message.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const known = caught instanceof HttpError;
      const unavailable = !known && isDatabaseUnavailable(caught);
      const answer = known
        ? caught
        : unavailable
          ? temporarilyUnavailable()
          : new HttpError(500, 'server_error', 'unexpected error');
      if (unavailable) logger.warn({ err: caught, requestId: ctx.state.requestId }, 'database unavailable');
      else if (!known) logger.error({ err: caught, requestId: ctx.state.requestId }, 'unhandled error');
      if (ctx.headerSent || !ctx.writable) {
        ctx.res.destroy();
        return;
      }
      ctx.set(answer.headers);
      ctx.set('Cache-Control', 'no-store');
      if (ctx.state.page) {
        const locale = pickLocale(undefined, ctx.get('accept-language'));
        const t = messages(locale);
        const body = html`<h1>${t.errorTitle}</h1><p role="alert">${answer.message}</p>`;
        sendHtml(ctx, answer.status, page(locale, t.errorTitle, body));
        return;
      }
      sendJson(ctx, answer.status, { error: answer.error, error_description: answer.message });
    }
  };
}
