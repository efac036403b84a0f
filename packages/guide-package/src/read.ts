/**
 * Reads a FHIR package into memory from a `.tgz` (the published form), an unpacked package folder (one
 * holding `package/package.json` or `package.json`), or a plain folder of conformance resources as JSON
 * files (e.g. a guide's `definitions/`). Only the package's own folder is read, not `example/` or
 * other sub-folders: conformance resources, not examples.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isObject, str } from './json.ts';
import { type PackageManifest, parseManifest } from './manifest.ts';
import { readTar } from './tar.ts';

/** A FHIR resource as read from a package: its JSON, with the fields every conformance resource has. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  [key: string]: unknown;
}

export interface FhirPackage {
  manifest: PackageManifest;
  /** Where it was read from (an absolute path) */
  source: string;
  /** Its resources in file-name order */
  resources: FhirResource[];
}

function parse(data: Uint8Array | string, where: string): unknown {
  try {
    return JSON.parse(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`FHIR package: cannot read ${where}: ${detail}`);
  }
}

function asResource(value: unknown): FhirResource | undefined {
  return isObject(value) && str(value.resourceType) ? (value as FhirResource) : undefined;
}

const RESOURCE_FILE = /^[^/]+\.json$/;
const NOT_RESOURCES = new Set(['package.json', '.index.json']);

function readTgz(path: string): FhirPackage {
  let files: ReturnType<typeof readTar>;
  try {
    files = readTar(gunzipSync(readFileSync(path)));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`FHIR package: cannot read ${path}: ${detail}`);
  }
  // Published packages keep everything under package/; a few tools leave the prefix out.
  const root = files.some((file) => file.name === 'package/package.json') ? 'package/' : '';
  const manifestFile = files.find((file) => file.name === `${root}package.json`);
  if (!manifestFile) throw new Error(`FHIR package: ${path} has no package/package.json`);
  const manifest = parseManifest(parse(manifestFile.data, `${path}#package.json`), path);
  const resources = files
    .filter((file) => file.name.startsWith(root))
    .map((file) => ({ file, name: file.name.slice(root.length) }))
    .filter(({ name }) => RESOURCE_FILE.test(name) && !NOT_RESOURCES.has(name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap(({ file, name }) => {
      const resource = asResource(parse(file.data, `${path}#${name}`));
      return resource ? [resource] : [];
    });
  return { manifest, source: path, resources };
}

function readFolder(path: string): FhirPackage {
  const dir = existsSync(join(path, 'package', 'package.json')) ? join(path, 'package') : path;
  const manifestPath = join(dir, 'package.json');
  const manifest = existsSync(manifestPath)
    ? parseManifest(parse(readFileSync(manifestPath, 'utf8'), manifestPath), path)
    : // A plain folder of resources: named after the folder, with no version of its own.
      parseManifest({ name: basename(path), version: 'local', fhirVersions: ['4.0.1'] }, path);
  const resources = readdirSync(dir)
    .filter((file) => RESOURCE_FILE.test(file) && !NOT_RESOURCES.has(file))
    .sort()
    .flatMap((file) => {
      const resource = asResource(parse(readFileSync(join(dir, file), 'utf8'), join(dir, file)));
      return resource ? [resource] : [];
    });
  return { manifest, source: path, resources };
}

/**
 * A FHIR package from a `.tgz` or a folder. Throws (naming the path) when it cannot be read, so a
 * misconfigured path stops a server at start-up.
 */
export function readFhirPackage(path: string): FhirPackage {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new Error(`FHIR package: ${absolute} does not exist`);
  return statSync(absolute).isDirectory() ? readFolder(absolute) : readTgz(absolute);
}
