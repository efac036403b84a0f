/**
 * The TWPAS package that ships with the platform: packages/tw.gov.mohw.nhi.pas-1.2.3.tgz in this
 * package, made from the guide's published conformance resources by `./openpas guide:pack`.
 */
import { fileURLToPath } from 'node:url';
import { TWPAS_MANIFEST } from './manifest.ts';

export const BUNDLED_PACKAGE_FILE = `${TWPAS_MANIFEST.name}-${TWPAS_MANIFEST.version}.tgz`;

/** The absolute path of the bundled TWPAS package. */
export const BUNDLED_PACKAGE_PATH = fileURLToPath(
  new URL(`../packages/${BUNDLED_PACKAGE_FILE}`, import.meta.url),
);
