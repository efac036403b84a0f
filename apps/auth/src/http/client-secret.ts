import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { hashClientSecret } from '../storage/client-store.ts';

// Client secrets are kept only as SHA-256 digests (storage/client-store.ts), and oidc-provider compares the
// presented secret with the stored one as they are. So in front of the endpoints that authenticate
// clients, a presented secret is swapped for its digest and the provider compares digest with digest, in
// constant time, without any change to its Client class. Only the Basic header carries secrets:
// client_secret_post is not enabled, so the provider never reads a client_secret from a body. After a
// rotation the previous secret's digest is swapped for the current one until its grace period ends.

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

/**
 * The digest to present for a client's secret digest in a request: the current secret's while a
 * rotated-out secret is in its grace period (storage/client-store.ts), else the digest itself.
 */
export type AcceptedSecretDigest = (
  req: IncomingMessage,
  clientId: string,
  digest: string,
) => Promise<string>;

export function digestClientSecret(accepted: AcceptedSecretDigest): Middleware {
  return async (ctx, next) => {
    const [scheme, value] = ctx.get('authorization').split(' ');
    if (scheme?.toLowerCase() === 'basic' && value) {
      const basic = Buffer.from(value, 'base64').toString('utf8');
      const colon = basic.indexOf(':');
      const secret = colon > 0 ? decoded(basic.slice(colon + 1)) : undefined;
      const clientId = colon > 0 ? decoded(basic.slice(0, colon)) : undefined;
      if (secret && clientId !== undefined) {
        const digest = await accepted(ctx.req, clientId, hashClientSecret(secret));
        const pair = `${basic.slice(0, colon)}:${encodeURIComponent(digest)}`;
        ctx.req.headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      }
    }
    return next();
  };
}
