/**
 * One resource validated as `@medplum/core` validates it, against base R4 or one profile of a loaded
 * guide, and each issue classified: the documented false positives (false-positives.ts) are named with
 * their category and set aside, never dropped silently. validateWithGuide (validate.ts) runs each entry of
 * a Bundle through the same classification, with schema-validator.ts (which answers as Medplum's
 * validateResource does, faster); validateBase and validateResourceWithGuide ask Medplum itself, because
 * tests use them as the validator we did not write for the FHIR we emit.
 */
import { validateResource } from '@medplum/core';
import { classifyIssue, type FalsePositiveCategory, type MedplumIssue } from './false-positives.ts';
import { type ImplementationGuide, loadBaseR4, type StructureDefinitionLike } from './guide.ts';
import { isObject, type JsonObject } from './json.ts';
import { schemaIssues } from './schema-validator.ts';

export interface ClassifiedIssue {
  issue: MedplumIssue;
  /** Set when the issue is one of the documented false positives, its evidence checked. */
  falsePositive?: FalsePositiveCategory;
}

export interface ResourceValidation {
  /** Everything Medplum reported, each issue with its false-positive category when it is one. */
  reported: ClassifiedIssue[];
  /** The issues that remain once the documented false positives are set aside. */
  remaining: MedplumIssue[];
}

export interface ResourceValidationOptions {
  /** Canonical URL of a StructureDefinition of the guide; without one, base R4 only. */
  profile?: string;
  /** The Bundle the resource is an entry of, so that its `urn:uuid:` references can be checked. */
  bundle?: object;
}

type IssueFinder = (resource: JsonObject, profile: StructureDefinitionLike | undefined) => MedplumIssue[];

/** Medplum's own validateResource: the issues it returns, or those of the OperationOutcome it throws. */
const medplumIssues: IssueFinder = (resource, profile) => {
  try {
    return validateResource(
      resource as never,
      profile ? { profile: profile as never } : {},
    ) as MedplumIssue[];
  } catch (error) {
    const outcome = isObject(error) && isObject(error.outcome) ? error.outcome : undefined;
    if (outcome && Array.isArray(outcome.issue)) return outcome.issue as MedplumIssue[];
    throw error;
  }
};

/** The same answers, from schema-validator.ts. */
const fastIssues: IssueFinder = (resource, profile) =>
  schemaIssues(resource as never, profile as never) as MedplumIssue[];

/**
 * What Medplum reports on the resource (against the profile, or base R4), each issue classified; found
 * by schema-validator.ts unless `find` says otherwise.
 */
export function classifiedIssues(
  resource: JsonObject,
  profile: StructureDefinitionLike | undefined,
  context: { guide?: ImplementationGuide; bundle?: JsonObject },
  find: IssueFinder = fastIssues,
): ClassifiedIssue[] {
  return find(resource, profile).map((issue) => {
    const falsePositive = classifyIssue(issue, { resource, profile, ...context });
    return falsePositive ? { issue, falsePositive } : { issue };
  });
}

function result(reported: ClassifiedIssue[]): ResourceValidation {
  return { reported, remaining: reported.filter((r) => !r.falsePositive).map((r) => r.issue) };
}

/**
 * Validates one resource against a StructureDefinition of the loaded guide (base R4 without `profile`).
 * Throws when the guide has no such profile or Medplum could not load it: a test naming a profile means it.
 */
export function validateResourceWithGuide(
  resource: object,
  guide: ImplementationGuide,
  options: ResourceValidationOptions = {},
): ResourceValidation {
  const { profile: url, bundle } = options;
  let profile: StructureDefinitionLike | undefined;
  if (url !== undefined) {
    profile = guide.profiles.get(url);
    if (!profile) throw new Error(`the implementation guide has no StructureDefinition ${url}`);
    const failure = guide.loadFailures.get(url);
    if (failure !== undefined) throw new Error(`Medplum cannot load ${url}: ${failure}`);
  }
  const context = bundle ? { guide, bundle: bundle as JsonObject } : { guide };
  return result(classifiedIssues(resource as JsonObject, profile, context, medplumIssues));
}

/** Base R4 validation, no guide needed; `bundle` lets `urn:uuid:` references be checked against its entries. */
export function validateBase(resource: object, bundle?: object): ResourceValidation {
  loadBaseR4();
  return result(
    classifiedIssues(
      resource as JsonObject,
      undefined,
      bundle ? { bundle: bundle as JsonObject } : {},
      medplumIssues,
    ),
  );
}

/** One line per issue, for test failures: `error structure at Claim.patient: Missing required property`. */
export function issueMessage(issue: MedplumIssue): string {
  return `${issue.severity} ${issue.code} at ${issue.expression?.join(', ') ?? '?'}: ${issue.details?.text ?? ''}`;
}
