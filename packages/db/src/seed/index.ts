import { readSeedConfig, type SeedConfig, sandboxEnabled } from '../env.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { seedApps, seedClients } from './clients.ts';
import type { OrganizationIds } from './organizations.ts';
import { SANDBOX_PASSWORD, seedUsers } from './users.ts';

export { readSeedConfig, type SeedConfig } from '../env.ts';
export {
  clientSecretDigest,
  PORTAL_REVIEW_SCOPES,
  portalClient,
  type SandboxClient,
  sandboxClients,
  seedClients,
} from './clients.ts';
export {
  linkOrganizationRecords,
  type OrganizationIds,
  sandboxOrganizations,
  seedOrganizations,
} from './organizations.ts';
export { readSandboxKids, readSandboxPrivateKey, sandboxPublicJwks } from './sandbox-keys.ts';
export { type SandboxUser, sandboxUsers } from './users.ts';
export { SANDBOX_PASSWORD, sandboxEnabled };

/**
 * The sandbox's accounts, clients and apps (CONTRACT.md). The synthetic patients' charts are written by
 * @openpas/fhir-store's `seedSandbox`, which calls this with the FHIR records the accounts point to.
 * Idempotent, and it never undoes what an admin or a user changed.
 */
export async function seedAccounts(
  prisma: PrismaClient,
  orgs: OrganizationIds,
  fhirUsers: { clinician: string; patient: string; 'clinician-b'?: string },
  config: SeedConfig = readSeedConfig(),
): Promise<string[]> {
  const users = await seedUsers(prisma, orgs, fhirUsers);
  const clients = await seedClients(prisma, config, orgs);
  const apps = await seedApps(prisma, config, users, orgs);
  return [
    `${Object.keys(users).length} accounts (password "${SANDBOX_PASSWORD}")`,
    `${clients.length} clients`,
    `${apps} apps`,
  ];
}
