/**
 * The part of @openpas/fhir-model a browser can load (no Node built-ins): FHIR R4 types, the TWPAS constants
 * and code lists, the builders of TWPAS resources and request Bundles, national ID helpers, the sandbox's
 * synthetic cases and OperationOutcome builders.
 */
export { MAX_INLINE_ATTACHMENT_BYTES } from './attachment-limits.ts';
export { priorAuthCaseProblems } from './builders/case-rules.ts';
export {
  buildClaim,
  type ClaimInput,
  type ClaimItemInput,
  type ClaimSupportingInfoInput,
} from './builders/claim.ts';
export {
  buildClaimResponse,
  buildQueuedClaimResponse,
  buildSelfAssessmentClaimResponse,
  type ClaimResponseInput,
  type ClaimResponseRefs,
  type ItemDecisionInput,
  type SelfAssessmentResponseInput,
} from './builders/claim-response.ts';
export {
  coding,
  concept,
  type FhirDate,
  fileUrl,
  profileMeta,
  reference,
  type UcumValue,
  ucum,
} from './builders/common.ts';
export { buildCoverage } from './builders/coverage.ts';
export { buildExaminationReport, buildImagingReport } from './builders/diagnostic-report.ts';
export { buildDocumentReference, CARE_PLAN_TITLES } from './builders/document-reference.ts';
export { buildEncounter } from './builders/encounter.ts';
export { deterministicUuid, UrnAllocator } from './builders/ids.ts';
export { buildImagingStudy, buildMedia } from './builders/imaging.ts';
export {
  buildApplyMedicationRequest,
  buildTreatMedicationRequest,
  ROUTES,
} from './builders/medication-request.ts';
export {
  buildPatientAssessmentObservation,
  buildTreatmentAssessmentObservation,
} from './builders/observation-assessment.ts';
export { buildCancerStageObservation, CANCER_STAGE_SCHEMES } from './builders/observation-cancer-stage.ts';
export { buildGeneInfoObservation, buildSpecimen } from './builders/observation-gene.ts';
export { buildLabObservation } from './builders/observation-lab.ts';
export {
  buildGeneticTestingOrganization,
  buildHospitalOrganization,
  buildNhiaOrganization,
} from './builders/organization.ts';
export { buildPatient } from './builders/patient.ts';
export { buildPractitioner } from './builders/practitioner.ts';
export * from './builders/prior-auth-case.ts';
export { buildRadiotherapyProcedure, buildRadiotherapySubstance } from './builders/radiotherapy.ts';
export {
  buildRequestBundle,
  orderSupportingInfo,
  type RequestBundleOptions,
} from './builders/request-bundle.ts';
export * from './national-id.ts';
export * from './operation-outcome.ts';
export * from './sandbox-cases.ts';
export * from './twpas/canonical.ts';
export * from './twpas/code-systems.ts';
export * from './twpas/codes.ts';
export * from './twpas/identifier-systems.ts';
export * from './twpas/program-codes.ts';
export { searchsetProfiles } from './twpas/response-bundle.ts';
export * from './types.ts';
