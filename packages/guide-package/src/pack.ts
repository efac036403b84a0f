/**
 * Writes a FHIR package (https://hl7.org/fhir/packages.html): a gzipped tar whose `package/` folder holds
 * `package.json`, the resources as JSON files and a `.index.json` listing them. The same manifest and
 * files always give the same bytes: entries sorted by name, fixed times and owners (tar.ts), gzip at
 * level 9 with no name or time in its header.
 */
import { gzipSync } from 'node:zlib';
import { isObject, str } from './json.ts';
import type { PackageManifest } from './manifest.ts';
import { type TarFile, writeTar } from './tar.ts';

export interface PackageFile {
  /** The file name inside `package/` (no folders), e.g. `StructureDefinition-Claim-twpas.json` */
  filename: string;
  /** The file as published: kept byte for byte */
  data: Uint8Array;
}

/** One row of `.index.json` (index-version 1). */
export interface IndexEntry {
  filename: string;
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  supplements?: string;
  content?: string;
}

function indexEntry(file: PackageFile): IndexEntry {
  let resource: unknown;
  try {
    resource = JSON.parse(Buffer.from(file.data).toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`FHIR package: ${file.filename} is not JSON: ${detail}`);
  }
  const resourceType = isObject(resource) ? str(resource.resourceType) : undefined;
  if (!isObject(resource) || !resourceType)
    throw new Error(`FHIR package: ${file.filename} is not a FHIR resource (no resourceType)`);
  const entry: IndexEntry = { filename: file.filename, resourceType };
  for (const key of ['id', 'url', 'version', 'kind', 'type', 'supplements', 'content'] as const) {
    const value = str(resource[key]);
    if (value !== undefined) entry[key] = value;
  }
  return entry;
}

const byName = (a: { filename: string }, b: { filename: string }) =>
  a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0;

/** The `.index.json` of these files, sorted by file name. */
export function packageIndex(files: readonly PackageFile[]): { 'index-version': 1; files: IndexEntry[] } {
  return { 'index-version': 1, files: [...files].sort(byName).map(indexEntry) };
}

function json(value: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The tar (before gzip) of a FHIR package: package.json, .index.json, then the files by name. */
export function packageTar(manifest: PackageManifest, files: readonly PackageFile[]): Buffer {
  const names = new Set<string>();
  for (const { filename } of files) {
    if (!/^[^/\\]+\.json$/.test(filename) || filename === 'package.json' || filename === '.index.json')
      throw new Error(`FHIR package: "${filename}" cannot be one of its resource files`);
    if (names.has(filename)) throw new Error(`FHIR package: "${filename}" is given twice`);
    names.add(filename);
  }
  const entries: TarFile[] = [
    { name: 'package/package.json', data: json(manifest) },
    { name: 'package/.index.json', data: json(packageIndex(files)) },
    ...[...files].sort(byName).map((file) => ({ name: `package/${file.filename}`, data: file.data })),
  ];
  return writeTar(entries);
}

/** The `.tgz` of a FHIR package, the same bytes for the same manifest and files. */
export function packFhirPackage(manifest: PackageManifest, files: readonly PackageFile[]): Buffer {
  return gzipSync(packageTar(manifest, files), { level: 9 });
}
