/**
 * @openpas/twpas-validation — the built-in TWPAS (tw.gov.mohw.nhi.pas 1.2.3) validation layer: table-driven
 * rules over a request Bundle, with no download and no run-time dependency but @openpas/fhir and
 * @openpas/ig-validation (whose implementation-guide layer it re-exports).
 */

export {
  type GuideValidator,
  IG_BUNDLE_PROFILE_RULE,
  IG_PROFILE_RULE,
  type ImplementationGuide,
  inThreadGuide,
  inThreadGuideValidator,
  loadImplementationGuide,
  startGuidePool,
  type ValidationIssue,
  type ValidationSeverity,
  validateResourceAgainstGuide,
  validateWithGuide,
} from '@openpas/ig-validation';
export type { BundleContext, EntryInfo } from './context.ts';
export { toOperationOutcome } from './outcome.ts';
export { RULES } from './rules/index.ts';
export {
  ENTRY_SLICES,
  type EntrySlice,
  KNOWN_PROFILES,
  REQUEST_BUNDLE_PROFILES,
} from './tables/entry-slices.ts';
export { REQUIRED_ELEMENTS } from './tables/required-elements.ts';
export type { Rule, ValidationOptions } from './types.ts';
export { hasErrors, NOT_A_BUNDLE_RULE, validateRequestBundle } from './validate.ts';
