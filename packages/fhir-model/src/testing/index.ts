/**
 * Test helpers: read access to the TWPAS guide's data in ../shared/twpas. Validation against the guide is
 * `@openpas/ig-validation` (a dev dependency); `twpasDefinitions()` gives the guide loaded with it.
 */
export { readExampleBundle, readTsv, twpasDefinitions, twpasPath } from './shared-twpas.ts';
