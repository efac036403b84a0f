import type { Developer, RegistryOptions } from '@openpas/app-registry';
import type { ApiServices } from '../services.ts';
import type { SessionUser } from '../trpc.ts';

/** The registry's options from the services. */
export function registryOptions(services: ApiServices): RegistryOptions {
  return {
    production: services.production,
    authIssuer: services.authIssuer,
    ...(services.fetchJwks ? { fetchJwks: services.fetchJwks } : {}),
  };
}

export function developerOf(user: SessionUser): Developer {
  return { userId: user.id, organizationId: user.organizationId };
}
