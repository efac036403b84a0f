import type { Middleware } from 'koa';
import { hashClientSecret } from '../storage/client-store.ts';

// Client secrets are kept only as SHA-256 digests (storage/client-store.ts), and oidc-provider compares the
// presented secret with the stored one as they are. So in front of the endpoints that authenticate
// clients, a presented secret is swapped for its digest and the provider compares digest with digest, in
// constant time, without any change to its Client class. Only the Basic header carries secrets:
// client_secret_post is not enabled, so the provider never reads a client_secret from a body.

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

export const digestClientSecret: Middleware = (ctx, next) => {
  const [scheme, value] = ctx.get('authorization').split(' ');
  if (scheme?.toLowerCase() === 'basic' && value) {
    const basic = Buffer.from(value, 'base64').toString('utf8');
    const colon = basic.indexOf(':');
    const secret = colon > 0 ? decoded(basic.slice(colon + 1)) : undefined;
    if (secret) {
      const pair = `${basic.slice(0, colon)}:${encodeURIComponent(hashClientSecret(secret))}`;
      ctx.req.headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
  }
  return next();
};
