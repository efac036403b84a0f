import type { Context } from 'koa';

/** The token of an `Authorization: Bearer …` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(ctx: Context): string | undefined {
  return /^Bearer +([\w\-.~+/]+=*)$/i.exec(ctx.get('authorization'))?.[1];
}
