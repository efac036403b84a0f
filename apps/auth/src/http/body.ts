import type { Context, Middleware } from 'koa';
import { invalidRequest } from './errors.ts';

// One limit for every request body: oidc-provider reads at most 56 KiB of one (a fixed limit), so ours is
// the same and every endpoint refuses the same bodies the same way.
export const MAX_BODY_BYTES = 56 * 1024;

export const TOO_LARGE = `request body exceeds the limit of ${MAX_BODY_BYTES} bytes`;

/** Refuses a declared Content-Length over the limit before anything reads the body. */
export const limitBodies: Middleware = (ctx, next) => {
  if (Number(ctx.get('content-length')) > MAX_BODY_BYTES) throw invalidRequest(TOO_LARGE, 413);
  return next();
};

/** Reads the request body once (as text), refusing more than the limit while it arrives. */
export async function readBody(ctx: Context): Promise<string> {
  if (typeof ctx.state.body === 'string') return ctx.state.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidRequest(TOO_LARGE, 413);
    chunks.push(chunk as Buffer);
  }
  ctx.state.body = Buffer.concat(chunks).toString('utf8');
  return ctx.state.body as string;
}

/** An application/x-www-form-urlencoded body; anything else counts as an empty form. */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(await readBody(ctx));
}

/** A JSON body, or undefined when it is not JSON. */
export async function readJson(ctx: Context): Promise<unknown> {
  const text = await readBody(ctx);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
