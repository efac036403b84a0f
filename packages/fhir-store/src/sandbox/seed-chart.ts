import type { FastSql } from '@openpas/db';
import type { OrganizationIds } from '@openpas/db/seed';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import { type ChartRecord, chartRecordsOf, storeChartRecords } from './chart-records.ts';

export interface ChartSummary {
  patients: number;
  changed: number;
  /** fhirUser of the sandbox clinicians (hospital A's, hospital B's) and patient accounts */
  clinician: string;
  clinicianB: string;
  patient: string;
}

/**
 * The synthetic patients' charts, as the sandbox hospitals' EHRs hold them: every resource of each case's
 * request Bundle but the request itself, under stable ids. The `patient` account is the first case's
 * patient; the `clinician` account is that case's physician at hospital A, `clinician-b` the physician of
 * hospital B's first case.
 */
export async function seedSandboxChart(
  sql: FastSql,
  orgs: OrganizationIds,
): Promise<ChartSummary & { organizationRecords: Map<string, string> }> {
  const records: ChartRecord[] = [];
  for (const key of SANDBOX_CASE_KEYS) {
    const owner = key.startsWith('b-') ? orgs.hospitalB : orgs.hospitalA;
    for (const resource of chartRecordsOf(sandboxRequestBundle(key), key)) records.push({ resource, owner });
  }
  const changed = await sql.transaction((tx) => storeChartRecords(tx, records));

  const firstKey = SANDBOX_CASE_KEYS[0];
  const firstKeyOfB = SANDBOX_CASE_KEYS.find((key) => key.startsWith('b-')) ?? firstKey;
  // The FHIR Organization that describes each organisation, by its NHI code (the accounts link to it).
  const organizationRecords = new Map<string, string>();
  for (const { resource } of records) {
    if (resource.resourceType !== 'Organization') continue;
    for (const identifier of (resource.identifier as { value?: string }[] | undefined) ?? [])
      if (identifier.value && !organizationRecords.has(identifier.value))
        organizationRecords.set(identifier.value, resource.id);
  }
  return {
    patients: SANDBOX_CASE_KEYS.length,
    changed,
    clinician: `Practitioner/${physicianOf(records, firstKey)}`,
    clinicianB: `Practitioner/${physicianOf(records, firstKeyOfB)}`,
    patient: `Patient/${firstKey}`,
    organizationRecords,
  };
}

/** The id of the practitioner a case's chart references (its physician). */
function physicianOf(records: ChartRecord[], key: string): string {
  const practitioner = records.find(
    ({ resource }) =>
      resource.resourceType === 'Practitioner' &&
      resource.id.length > 0 &&
      recordOfCase(records, key, resource.id),
  );
  return practitioner?.resource.id ?? '';
}

/** Whether a case's chart references this practitioner. */
function recordOfCase(records: ChartRecord[], key: string, practitionerId: string): boolean {
  return records.some(
    ({ resource }) =>
      resource.id.startsWith(`${key}-`) &&
      JSON.stringify(resource).includes(`"Practitioner/${practitionerId}"`),
  );
}
