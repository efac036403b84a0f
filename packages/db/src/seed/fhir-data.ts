import type { PrismaClient } from '../generated/prisma/client.ts';
import type { OrganizationIds } from './organizations.ts';

export interface ChartSummary {
  patients: number;
  changed: number;
  /** fhirUser of the sandbox clinician and patient accounts */
  clinician?: string;
  patient?: string;
}

/** The synthetic patients' charts (pending the TWPAS builders). */
export async function seedSandboxChart(_prisma: PrismaClient, _orgs: OrganizationIds): Promise<ChartSummary> {
  return { patients: 0, changed: 0 };
}
