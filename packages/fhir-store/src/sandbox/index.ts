import { type Database, openFastSql } from '@openpas/db';
import {
  linkOrganizationRecords,
  readSeedConfig,
  type SeedConfig,
  sandboxEnabled,
  seedAccounts,
  seedOrganizations,
} from '@openpas/db/seed';
import { seedSandboxChart } from './seed-chart.ts';

/**
 * The whole sandbox of CONTRACT.md: organisations, the synthetic patients' charts (stored and indexed like
 * any resource, so they can be searched), accounts, clients and apps. A second run changes nothing.
 */
export async function seedSandbox(db: Database, config: SeedConfig = readSeedConfig()): Promise<string> {
  const { prisma } = db;
  const orgs = await seedOrganizations(prisma);
  const sql = await openFastSql(db);
  const chart = await seedSandboxChart(sql, orgs).finally(() => sql.close());
  await linkOrganizationRecords(prisma, chart.organizationRecords);
  const accounts = await seedAccounts(
    prisma,
    orgs,
    { clinician: chart.clinician, 'clinician-b': chart.clinicianB, patient: chart.patient },
    config,
  );
  return [
    `${Object.keys(orgs).length} organisations`,
    ...accounts,
    `${chart.patients} patients, ${chart.changed} chart records written`,
  ].join(', ');
}

/** What `./openpas start` and `db:seed` do: the sandbox when OPENPAS_SANDBOX has it on; says what happened. */
export async function seedSandboxIfEnabled(
  db: Database,
  config: SeedConfig = readSeedConfig(),
): Promise<string> {
  if (!sandboxEnabled(config)) return 'not seeded (OPENPAS_SANDBOX=0, or NODE_ENV=production)';
  return seedSandbox(db, config);
}
