export type { BundleProfileRules, GuideEntrySlice, ProgramCodeRule } from './bundle.ts';
export { classifyIssue, type FalsePositiveCategory, type MedplumIssue } from './false-positives.ts';
export {
  type ImplementationGuide,
  loadBaseR4,
  loadImplementationGuide,
  type StructureDefinitionLike,
} from './guide.ts';
export { IG_BUNDLE_PROFILE_RULE, IG_PROFILE_RULE, validateWithGuide } from './validate.ts';
