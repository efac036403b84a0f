import Router from '@koa/router';
import type {
  AccountStore,
  LaunchContextStore,
  OAuthClientStore,
  OidcPayloadStore,
} from '@openpas/auth-store';
import type { PatientDirectory } from '@openpas/fhir-store';
import type Provider from 'oidc-provider';
import { revokeAccountApp, showAccountApps, signInToAccount } from './account/apps-page.ts';
import { type AcceptedSecretDigest, digestClientSecret } from './http/client-secret.ts';
import { HttpError, pageRoute } from './http/errors.ts';
import { sendJson } from './http/json.ts';
import { noStore } from './http/security-headers.ts';
import { handleInteraction, type InteractionDeps } from './interactions/routes.ts';
import { handleLaunchApi } from './launch/launch-api.ts';
import { handleSandboxDirectory } from './launch/sandbox-directory.ts';
import { handleSandboxEhrLaunch } from './launch/sandbox-ehr-launch.ts';
import { SMART_STYLE } from './pages/smart-style.ts';
import { introspectWithBearer } from './provider/bearer-introspection.ts';
import type { WebSignInDeps } from './session/web-sign-in.ts';

// Every route of the auth server in one table. What is not matched here goes on to oidc-provider, mounted
// after this router (server.ts): discovery, /auth, /token, /jwks, /reg, /me.

export interface RouteDeps {
  provider: Provider;
  accounts: AccountStore;
  launches: LaunchContextStore;
  /** Resolves when the database answers */
  databaseReady: () => Promise<void>;
  payloads: OidcPayloadStore;
  /** The Patient records a launch may name (read through @openpas/fhir-store) */
  patients: PatientDirectory;
  clients: OAuthClientStore;
  /** The issuer's path, prefixed to every route */
  basePath: string;
  smartConfiguration: unknown;
  interactions: InteractionDeps;
  webSignIn: WebSignInDeps;
  fhirBaseUrl: string;
  /** Serve the sandbox EHR launcher (never in production) */
  sandbox: boolean;
  /** A rotated-out client secret's digest swapped for the current one during its grace period */
  acceptedSecretDigest: AcceptedSecretDigest;
}

const PUBLIC_JSON = (maxAge: number) => ({
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': `public, max-age=${maxAge}`,
});

export function authRoutes(deps: RouteDeps): Router {
  const { provider, clients } = deps;
  const router = new Router(deps.basePath ? { prefix: deps.basePath } : {});

  router.get('/healthz', (ctx) => sendJson(ctx, 200, { status: 'ok' }));
  router.get('/readyz', async (ctx) => {
    try {
      await deps.databaseReady();
      sendJson(ctx, 200, { status: 'ready' });
    } catch {
      sendJson(ctx, 503, { status: 'database unavailable' });
    }
  });
  router.get('/.well-known/smart-configuration', (ctx) =>
    sendJson(ctx, 200, deps.smartConfiguration, PUBLIC_JSON(300)),
  );
  router.get('/smart-style.json', (ctx) => sendJson(ctx, 200, SMART_STYLE, PUBLIC_JSON(3600)));

  router.all('/interaction/:uid', pageRoute, (ctx) =>
    handleInteraction(deps.interactions, ctx, ctx.params.uid),
  );
  router.all('/interaction/:uid/:step', pageRoute, (ctx) =>
    handleInteraction(deps.interactions, ctx, ctx.params.uid, ctx.params.step),
  );

  router.post('/api/launch', noStore, (ctx) => handleLaunchApi(deps, ctx));
  router.all('/api/launch', noStore, () => {
    throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
  });

  const web = { ...deps.webSignIn, basePath: deps.basePath, payloads: deps.payloads, clients };
  if (deps.sandbox) {
    const launcher = { ...web, launches: deps.launches, fhirBaseUrl: deps.fhirBaseUrl };
    router.all('/sandbox/ehr-launch', pageRoute, (ctx) => handleSandboxEhrLaunch(launcher, ctx));
    router.get('/sandbox/directory', (ctx) =>
      handleSandboxDirectory({ ...deps.webSignIn, clients: deps.clients }, ctx),
    );
  }

  router.get('/account/apps', pageRoute, (ctx) => showAccountApps(web, ctx));
  router.post('/account/apps/sign-in', pageRoute, (ctx) => signInToAccount(web, ctx));
  router.post('/account/apps/revoke', pageRoute, (ctx) => revokeAccountApp(web, ctx));

  // oidc-provider's endpoints that authenticate clients: never cached, secrets compared as digests.
  const digest = digestClientSecret(deps.acceptedSecretDigest);
  router.post('/token', noStore, digest);
  router.post('/token/revocation', noStore, digest);
  router.post('/token/introspection', noStore, (ctx, next) => introspectWithBearer(provider, ctx, next));
  router.post('/token/introspection', digest);
  return router;
}
