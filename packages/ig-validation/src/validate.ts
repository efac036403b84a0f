/**
 * The implementation-guide layer: each entry of a Bundle validated against the guide's StructureDefinition
 * named by its `meta.profile` with `@medplum/core` (base R4 when it names none of the guide's), Medplum's
 * documented false positives removed (false-positives.ts), and the Bundle-level checks Medplum cannot make
 * (bundle.ts) from the guide's Bundle profile.
 */
import { checkBundle, profilesOf } from './bundle.ts';
import { checkElements } from './element-rules.ts';
import { elementRulesOf, type ImplementationGuide, type StructureDefinitionLike } from './guide.ts';
import { type IssueType, issue, notABundle, type ValidationIssue, type ValidationSeverity } from './issue.ts';
import { isObject, type JsonObject, objects, str } from './json.ts';
import { classifiedIssues } from './resource.ts';

export const IG_PROFILE_RULE = 'ig.profile';
export const IG_BUNDLE_PROFILE_RULE = 'ig.bundle-profile';

/** Medplum's `Claim.item[0].patient` as the FHIRPath of the element inside the Bundle. */
function inBundle(entryPath: string, resourceType: string, expression: string | undefined): string {
  if (!expression) return entryPath;
  if (expression === resourceType) return entryPath;
  if (expression.startsWith(`${resourceType}.`))
    return `${entryPath}${expression.slice(resourceType.length)}`;
  return `${entryPath}.${expression}`;
}

function toSeverity(severity: string): ValidationSeverity | undefined {
  if (severity === 'error' || severity === 'fatal') return 'error';
  return severity === 'warning' ? 'warning' : undefined;
}

/**
 * One resource against the guide: Medplum per profile (the given ones, else the guide's profiles its
 * `meta.profile` names, else base R4) without its documented false positives, then the element rules
 * Medplum does not evaluate. `path` is the resource's FHIRPath: `Claim` alone, or its place in a Bundle.
 */
function validateAt(
  resource: JsonObject,
  path: string,
  guide: ImplementationGuide,
  options: { bundle?: JsonObject; profiles?: readonly string[] },
): ValidationIssue[] {
  const resourceType = str(resource.resourceType) ?? 'Resource';
  const profiles = (options.profiles ?? profilesOf(resource)).flatMap((url) => {
    const profile = guide.profiles.get(url);
    return profile && !guide.loadFailures.has(url) ? [profile] : [];
  });
  const targets: (StructureDefinitionLike | undefined)[] = profiles.length > 0 ? profiles : [undefined];
  const seen = new Set<string>();
  const context = options.bundle ? { guide, bundle: options.bundle } : { guide };
  const medplum = targets.flatMap((profile) =>
    classifiedIssues(resource, profile, context).flatMap(({ issue: found, falsePositive }) => {
      if (falsePositive) return [];
      const severity = toSeverity(found.severity);
      if (!severity) return [];
      const expression = inBundle(path, resourceType, found.expression?.[0]);
      const text = found.details?.text ?? found.code;
      const key = `${severity}|${expression}|${text}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const against = profile ? profile.url : `FHIR R4 ${resourceType}`;
      return [
        issue(
          IG_PROFILE_RULE,
          found.code as IssueType,
          expression,
          `不符合 ${against}：${text}`,
          `Does not conform to ${against}: ${text}`,
          severity,
        ),
      ];
    }),
  );
  // What Medplum does not evaluate: invariants on slices and required bindings (element-rules.ts).
  const own = profiles.flatMap((profile) => checkElements(resource, path, elementRulesOf(guide, profile)));
  return [...medplum, ...own];
}

function failed(error: unknown, expression: string): ValidationIssue {
  const detail = error instanceof Error ? error.message : String(error);
  return issue(
    IG_PROFILE_RULE,
    'exception',
    expression,
    `實作指引驗證失敗：${detail}`,
    `Guide validation failed: ${detail}`,
  );
}

/**
 * Validates one resource (not as a Bundle entry) with the loaded guide: against `profile` when given,
 * else the guide's profiles its `meta.profile` names, else base R4. Expressions start at its type
 * (`Patient.identifier[0]`). A Bundle's entries are each validated the same way, and its Bundle profile
 * checked, with validateWithGuide. Never throws. The caller checks that `profile` is one of the guide's.
 */
export function validateResourceAgainstGuide(
  resource: unknown,
  guide: ImplementationGuide,
  profile?: string,
): ValidationIssue[] {
  if (!isObject(resource) || typeof resource.resourceType !== 'string') {
    return [
      issue(
        IG_PROFILE_RULE,
        'structure',
        'Resource',
        '內容須為含 resourceType 的 FHIR 資源',
        'The body must be a FHIR resource with a resourceType',
      ),
    ];
  }
  try {
    return validateAt(resource, resource.resourceType, guide, profile ? { profiles: [profile] } : {});
  } catch (error) {
    return [failed(error, resource.resourceType)];
  }
}

/**
 * Validates a Bundle with the loaded implementation guide; returns every issue (errors and warnings),
 * [] when there are none. Issues have rule ids `ig.profile` (Medplum, per entry), `ig.bundle-profile`,
 * `ig.bundle-elements`, `ig.bundle-slices`, `ig.bundle-full-url`, `ig.bundle-references`,
 * `ig.bundle-invariant`, `ig.slice-invariant` and `ig.binding`. Never throws:
 * an unexpected failure is reported as an `exception` issue.
 */
export function validateWithGuide(bundle: unknown, guide: ImplementationGuide): ValidationIssue[] {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    return [notABundle(IG_BUNDLE_PROFILE_RULE)];
  }
  const issues: ValidationIssue[] = [];
  try {
    const bundleProfiles = profilesOf(bundle);
    const rules = bundleProfiles.flatMap((url) => {
      const found = guide.bundleRules.get(url);
      return found ? [found] : [];
    });
    if (rules.length === 0 && guide.bundleRules.size > 0) {
      const known = [...guide.bundleRules.keys()].join(', ');
      issues.push(
        issue(
          IG_BUNDLE_PROFILE_RULE,
          'structure',
          bundleProfiles.length === 1 ? 'Bundle.meta.profile[0]' : 'Bundle.meta.profile',
          `Bundle 的 meta.profile 須為實作指引的 Bundle 規範之一：${known}`,
          `Bundle.meta.profile must name one of the guide's Bundle profiles: ${known}`,
        ),
      );
    }
    for (const rule of rules) {
      for (const finding of checkBundle(bundle, rule)) {
        issues.push(issue(finding.rule, finding.code, finding.expression, finding.zh, finding.en));
      }
    }
    for (const { item: entry, index } of objects(bundle.entry)) {
      if (!isObject(entry.resource)) continue;
      const resourceType = str(entry.resource.resourceType) ?? 'Resource';
      const path = `Bundle.entry[${index}].resource.ofType(${resourceType})`;
      issues.push(...validateAt(entry.resource, path, guide, { bundle }));
    }
  } catch (error) {
    issues.push(failed(error, 'Bundle'));
  }
  return issues;
}
