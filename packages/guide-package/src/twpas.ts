/**
 * Makes the bundled TWPAS package from the guide's compiled conformance resources (a folder such as
 * ../shared/twpas/definitions): every JSON file of the folder, byte for byte, with TWPAS_MANIFEST.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TWPAS_MANIFEST } from './manifest.ts';
import { type PackageFile, packFhirPackage } from './pack.ts';

/** The package's resource files as read from a folder of definitions. */
export function definitionFiles(definitionsDir: string): PackageFile[] {
  return readdirSync(definitionsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((filename) => ({ filename, data: readFileSync(join(definitionsDir, filename)) }));
}

/** The `.tgz` of tw.gov.mohw.nhi.pas from a folder of the guide's definitions. */
export function packTwpas(definitionsDir: string): Buffer {
  return packFhirPackage(TWPAS_MANIFEST, definitionFiles(definitionsDir));
}
