import type { Middleware } from 'koa';
import { secureCookiesFor } from '../provider/configuration.ts';

/**
 * The request's public origin is the issuer's. Cookies are Secure when the issuer is https (TLS ends at a
 * proxy) or loopback http, a secure context for browsers (secureCookiesFor). oidc-provider builds its
 * cookie jar from a context of its own (provider.createContext), which counts as https when provider.proxy
 * is on and X-Forwarded-Proto says so (its documented "Trusting TLS offloading proxies"); so the forwarded
 * headers are set here from the issuer, never taken from the client. Our own routes' cookies follow
 * ctx.cookies.secure.
 */
export function publicOrigin(issuer: string): Middleware {
  const secure = secureCookiesFor(issuer);
  const proto = secure ? 'https' : 'http';
  const { host } = new URL(issuer);
  return (ctx, next) => {
    ctx.req.headers['x-forwarded-proto'] = proto;
    ctx.req.headers['x-forwarded-host'] = host;
    ctx.cookies.secure = secure;
    return next();
  };
}
