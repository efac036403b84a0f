// The tRPC routers of packages/api, mounted at /api/trpc, and the same routers called in-process by the
// server components.
import { appRouter, createCaller, createTRPCContext } from '@openpas/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { limitBody } from './body-limit.ts';
import { fhirGateway } from './fhir-gateway.ts';
import { runtime } from './runtime.ts';
import { crossSiteRefusal, crossSiteResponse } from './same-origin.ts';
import { sessionUser } from './sessions.ts';

export async function handleTrpc(request: Request, sessionToken: string | undefined): Promise<Response> {
  const { env, services, logger } = await runtime();
  const refusal = crossSiteRefusal(request, env.PORTAL_URL);
  if (refusal) return crossSiteResponse(refusal);
  const limited = await limitBody(request);
  if (!limited.ok) return limited.response;
  const session = await sessionUser(sessionToken);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: limited.request,
    router: appRouter,
    // Answers carry people's data (a reviewer's cases): never kept by a browser or a proxy.
    responseMeta: () => ({ headers: new Headers({ 'cache-control': 'no-store' }) }),
    createContext: () =>
      createTRPCContext({ services, session, fhir: session ? fhirGateway(sessionToken) : null }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error, path }, 'tRPC procedure failed');
    },
  });
}

/** The routers as a server component calls them, as the person whose session cookie came with the request. */
export async function serverCaller(sessionToken: string | undefined) {
  const { services } = await runtime();
  const session = await sessionUser(sessionToken);
  const fhir = session ? fhirGateway(sessionToken) : null;
  return { session, api: createCaller(createTRPCContext({ services, session, fhir })) };
}
