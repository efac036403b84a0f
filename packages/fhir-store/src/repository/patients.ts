import { jsonColumn, type SqlRunner } from '@openpas/db';
import type { FhirResource } from '@openpas/fhir-model';
import type { VisibilityFilter } from '@openpas/scopes';
import { readResource } from './resources.ts';

/**
 * The Patient records an authorization server offers when a user launches an app (the patient picker,
 * the EHR launch API): those inside the user's compartment filter, and one by id. Read here, by the package
 * that owns the FHIR tables.
 */
export interface PatientDirectory {
  /** Patients inside `filter`, by id, at most `limit` */
  visible(filter: VisibilityFilter, limit?: number): Promise<FhirResource[]>;
  /** One Patient by id, or undefined */
  find(id: string): Promise<FhirResource | undefined>;
}

export function createPatientDirectory(db: SqlRunner): PatientDirectory {
  return {
    async visible(filter, limit = 500) {
      if ('nothing' in filter) return [];
      const params: unknown[] = [limit];
      const where =
        'patientId' in filter
          ? `AND id = $${params.push(filter.patientId)}`
          : 'ownerOrganization' in filter
            ? `AND owner_organization = $${params.push(filter.ownerOrganization)}::uuid`
            : '';
      const rows = await db.query<{ content: unknown }>(
        `SELECT content FROM fhir_resource WHERE resource_type = 'Patient' AND NOT deleted ${where}
         ORDER BY id LIMIT $1::int`,
        params,
      );
      return rows.map((row) => jsonColumn<FhirResource>(row.content));
    },
    async find(id) {
      const stored = await readResource(db, 'Patient', id);
      return stored && !stored.deleted ? stored.resource : undefined;
    },
  };
}
