/**
 * `./openpas guide:pack [definitions-folder]`: writes packages/tw.gov.mohw.nhi.pas-1.2.3.tgz of this
 * package from the guide's compiled conformance resources (default: ../shared/twpas/definitions beside
 * the repository). The same input always gives the same bytes; commit the result.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_PACKAGE_PATH } from '../bundled.ts';
import { readFhirPackage } from '../read.ts';
import { packTwpas } from '../twpas.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const definitions = resolve(process.argv[2] ?? resolve(repoRoot, '../shared/twpas/definitions'));

const tgz = packTwpas(definitions);
writeFileSync(BUNDLED_PACKAGE_PATH, tgz);
const written = readFhirPackage(BUNDLED_PACKAGE_PATH);
const sha256 = createHash('sha256').update(tgz).digest('hex');
console.log(
  `wrote ${BUNDLED_PACKAGE_PATH}: ${written.manifest.name}#${written.manifest.version}, ` +
    `${written.resources.length} resources from ${definitions}, ${tgz.length} bytes, sha256 ${sha256}`,
);
