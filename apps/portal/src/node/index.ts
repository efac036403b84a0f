// The portal's server side that Node runs as it is (TypeScript through type stripping), never bundled by
// Next: the settings, the database, the sessions, the OpenID Connect client and the tRPC routers.
// Next's route handlers and server components reach it through ../server/node.ts.

export type { SessionUser } from '@openpas/api';
export { ping } from '@openpas/db';
export { beginSignIn, type CookieJar, completeSignIn, signOut } from './auth-routes.ts';
export { SESSION_COOKIE } from './cookies.ts';
export * as docs from './docs/index.ts';
export { runtime } from './runtime.ts';
export { sessionUser } from './sessions.ts';
export { handleTrpc, serverCaller } from './trpc-handler.ts';
export { serveUpload } from './uploads.ts';
