import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { CookiesSetOptions, KoaContextWithOIDC } from 'oidc-provider';

// The browser's sign-in session is oidc-provider's own Session, so a person who signed in on the
// account page or the sandbox EHR launcher is signed in for authorization requests too, and the other
// way round. These helpers read it and start it outside oidc-provider's routes.

export interface BrowserSession {
  accountId: string | undefined;
  /** Stable for the life of the session: binds form tokens to it */
  uid: string;
}

export async function currentSession(provider: Provider, ctx: Context): Promise<BrowserSession> {
  const session = await provider.Session.get(ctx as unknown as KoaContextWithOIDC);
  return { accountId: session.accountId, uid: session.uid };
}

/** Signs the account in: a fresh session id (no fixation), saved, and its cookie set on the response. */
export async function startSession(
  provider: Provider,
  ctx: Context,
  accountId: string,
  options: { ttlSeconds: number; cookie: CookiesSetOptions },
): Promise<void> {
  const session = await provider.Session.get(ctx as unknown as KoaContextWithOIDC);
  session.resetIdentifier();
  session.loginAccount({ accountId });
  await session.save(options.ttlSeconds);
  // A session's id is its jti; resetIdentifier gave it a new one. The cookie is the provider's, signed
  // with its keys, so it is set through the provider's own cookie jar.
  provider
    .createContext(ctx.req, ctx.res)
    .cookies.set(provider.cookieName('session'), session.jti, options.cookie);
}
