import type { PrismaClient } from '../generated/prisma/client.ts';
import { seedApps, seedClients } from './clients.ts';
import { readSeedConfig, type SeedConfig, sandboxEnabled } from './config.ts';
import { seedSandboxChart } from './fhir-data.ts';
import { seedOrganizations } from './organizations.ts';
import { SANDBOX_PASSWORD, seedUsers } from './users.ts';

export { readSandboxKids, readSandboxPrivateKey, sandboxPublicJwks } from './sandbox-keys.ts';
export { SANDBOX_PASSWORD, sandboxEnabled };

/**
 * The sandbox of CONTRACT.md: organisations, accounts, clients, apps and synthetic patients' charts.
 * Idempotent: a second run changes nothing, and it never undoes what an admin or a user changed.
 */
export async function seedSandbox(
  prisma: PrismaClient,
  config: SeedConfig = readSeedConfig(),
): Promise<string> {
  const orgs = await seedOrganizations(prisma);
  const chart = await seedSandboxChart(prisma, orgs);
  const users = await seedUsers(prisma, orgs, { clinician: chart.clinician, patient: chart.patient });
  const clients = await seedClients(prisma, config, orgs);
  const apps = await seedApps(prisma, config, users);
  return [
    `${Object.keys(orgs).length} organisations`,
    `${Object.keys(users).length} accounts (password "${SANDBOX_PASSWORD}")`,
    `${clients.length} clients`,
    `${apps} apps`,
    `${chart.patients} patients, ${chart.changed} chart records written`,
  ].join(', ');
}
export { seedClients } from './clients.ts';
export { readSeedConfig } from './config.ts';
export { seedOrganizations } from './organizations.ts';
