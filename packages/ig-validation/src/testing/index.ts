/**
 * Test helpers: the TWPAS guide's examples and definitions in ../shared/twpas, and small edits of a Bundle
 * copy. Needs `@openpas/vitest-config` (a dev dependency): for tests only.
 */

export { brokenCopies } from './broken-copies.ts';
export { type Json, REQUEST_BUNDLE_FILES, readExample, twpasGuide } from './examples.ts';
export { type FixedValueCase, fixedValueCases } from './fixed-values.ts';
export { at, claim, entries, firstCoding, resource } from './mutate.ts';
