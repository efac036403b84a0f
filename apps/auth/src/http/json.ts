import type { Context } from 'koa';

/** The one JSON responder: status, body and any extra headers. */
export function sendJson(
  ctx: Context,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  ctx.status = status;
  ctx.set(headers);
  ctx.body = body;
}
