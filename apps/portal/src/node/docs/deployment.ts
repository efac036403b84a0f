import { sandboxEnabled } from '@openpas/db';
import { runtime } from '../runtime.ts';
import { type SandboxDirectory, sandboxDirectory } from './sandbox-directory.ts';

/** This deployment's public URLs, as the documentation quotes them in its examples. */
export interface DeploymentUrls {
  issuer: string;
  fhirBase: string;
  portalUrl: string;
}

export async function deploymentUrls(): Promise<DeploymentUrls> {
  const { env } = await runtime();
  return { issuer: env.AUTH_ISSUER, fhirBase: env.FHIR_BASE_URL, portalUrl: env.PORTAL_URL };
}

/** The sandbox this deployment seeds, or null when its sandbox is off. */
export async function deploymentSandbox(): Promise<SandboxDirectory | null> {
  const { env } = await runtime();
  return sandboxEnabled(env) ? sandboxDirectory(env) : null;
}
