import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastSql, PrismaClient } from '@openpas/db';
import type { StoredResource } from '@openpas/fhir-store';
import type { AuditWriter } from '../audit-writer.ts';
import type { AccessContext } from '../auth/access-context.ts';
import type { FhirEnv } from '../env.ts';

/** What every interaction handler gets. */
export interface Interaction {
  req: IncomingMessage;
  res: ServerResponse;
  prisma: PrismaClient;
  sql: FastSql;
  /** Audit rows of requests that change nothing (group commit) */
  audit: AuditWriter;
  /** The current version of a resource, reads grouped across concurrent requests */
  readCurrent: (resourceType: string, id: string) => Promise<StoredResource | null>;
  env: FhirEnv;
  access: AccessContext;
  requestId: string;
  resourceType: string;
  id?: string;
  versionId?: string;
  query: URLSearchParams;
}

/** The resource types the API serves (TWPAS's set); AuditEvent is read-only. */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'Bundle',
  'Claim',
  'ClaimResponse',
  'Patient',
  'Practitioner',
  'Organization',
  'Encounter',
  'Coverage',
  'Condition',
  'Observation',
  'MedicationRequest',
  'DiagnosticReport',
  'DocumentReference',
  'ImagingStudy',
  'Media',
  'Specimen',
  'Procedure',
  'Substance',
  'AllergyIntolerance',
  'Composition',
  'Subscription',
  'AuditEvent',
]);

export const READ_ONLY_TYPES: ReadonlySet<string> = new Set(['AuditEvent']);
