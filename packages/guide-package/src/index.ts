/**
 * @openpas/guide-package — FHIR packages of implementation guides read into memory (from a `.tgz` or a
 * folder) and indexed by type and canonical URL; the TWPAS package that ships with the platform
 * (BUNDLED_PACKAGE_PATH) and what makes it (`./openpas guide:pack`). No workspace dependency.
 */
export { BUNDLED_PACKAGE_FILE, BUNDLED_PACKAGE_PATH } from './bundled.ts';
export { type GuideResources, guideResources, loadGuideResources } from './guide-resources.ts';
export { type PackageManifest, parseManifest, TWPAS_MANIFEST } from './manifest.ts';
export { type IndexEntry, type PackageFile, packageIndex, packageTar, packFhirPackage } from './pack.ts';
export { type FhirPackage, type FhirResource, readFhirPackage } from './read.ts';
export { readTar, type TarFile, writeTar } from './tar.ts';
export { definitionFiles, packTwpas } from './twpas.ts';
