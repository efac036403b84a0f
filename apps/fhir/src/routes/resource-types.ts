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
  'ClinicalImpression',
  'CarePlan',
  'OperationOutcome',
  'Subscription',
  'AuditEvent',
]);

export const READ_ONLY_TYPES: ReadonlySet<string> = new Set(['AuditEvent']);

/** Served read-only from the loaded guides by their own routes (routes/terminology.ts), not by the store. */
export const TERMINOLOGY_TYPES: ReadonlySet<string> = new Set(['CodeSystem', 'ValueSet']);
