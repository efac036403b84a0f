/**
 * @openpas/ig-validation — validation against an implementation guide loaded at run time: each resource
 * with `@medplum/core` against the guide's StructureDefinitions, Medplum's documented false positives
 * classified and set aside, and the Bundle-level checks Medplum cannot make from the guide's Bundle
 * profiles; run in a pool of worker threads (pool/) or in the calling thread. Its only workspace dependency
 * is @openpas/guide-package, which reads the packages: the built-in TWPAS rules (@openpas/twpas-validation)
 * and the tests of @openpas/fhir both use it. The JSON reading helpers are at `@openpas/ig-validation/json`, the test
 * helpers for the guide's examples at `@openpas/ig-validation/testing`.
 */
export {
  type BundleFinding,
  type BundleProfileRules,
  type BundleReference,
  bundleReferences,
  checkBundle,
  type GuideEntrySlice,
  type ProgramCodeRule,
  sliceOf,
  type TopElement,
} from './bundle.ts';
export {
  classifyIssue,
  type FalsePositiveCategory,
  type IssueContext,
  type MedplumIssue,
} from './false-positives.ts';
export {
  type ElementLike,
  type ImplementationGuide,
  implementationGuideOf,
  loadBaseR4,
  loadImplementationGuide,
  type StructureDefinitionLike,
} from './guide.ts';
export {
  type IssueType,
  issue,
  type LocalizedText,
  notABundle,
  type ValidationIssue,
  type ValidationSeverity,
} from './issue.ts';
export {
  defaultGuideThreads,
  GUIDE_THREAD_NICE_INCREMENT,
  type GuideValidator,
  inThreadGuide,
  inThreadGuideValidator,
  startGuidePool,
} from './pool/guide-validator.ts';
export {
  type ClassifiedIssue,
  issueMessage,
  type ResourceValidation,
  type ResourceValidationOptions,
  validateBase,
  validateResourceWithGuide,
} from './resource.ts';
export {
  IG_BUNDLE_PROFILE_RULE,
  IG_PROFILE_RULE,
  validateResourceAgainstGuide,
  validateWithGuide,
} from './validate.ts';
