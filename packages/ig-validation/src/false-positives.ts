/**
 * The issues Medplum's validator (5.2.x) reports on correct TWPAS resources, as measured on the guide's
 * own examples (../shared/notes/toolchain.md). An issue counts as one of these only when its message AND
 * path match the category AND the resource, checked independently here, is right at that path. Anything
 * else stays an error.
 *
 * 1. repeating-pattern — "Value did not match expected pattern" on an element that carries a
 *    pattern[x] and repeats in base R4 (meta.profile, Observation.category, DiagnosticReport.category,
 *    Condition.category.coding …): Medplum compares the pattern with the whole array. Evidence: every
 *    value at that path contains the pattern (FHIR pattern semantics).
 * 2. extension-slice-by-url — "Incorrect number of values provided for slice 'X' … found 0" on an
 *    `.extension` sliced by url (Claim.extension:encounter, Claim.item.extension:requestedService,
 *    ClaimResponse.extension:requestor): Medplum does not match the slice although the extension is
 *    there. Evidence: in every instance of the parent element, the number of extensions with the
 *    slice's extension URL is within the slice's cardinality.
 * 3. binding-discriminated-slice — the same message for a slice whose discriminator is `pattern`/`value`
 *    on $this while the slice has no pattern, only a required binding (MedicationRequest-apply's
 *    medication coding slice `nhi-medication`): Medplum treats every required-binding slice as matching
 *    and files the coding under an earlier (0..0) slice. Not in the toolchain notes; found on all
 *    MedicationRequest-apply examples. Evidence: the number of codings whose system is one of the bound
 *    ValueSet's systems is within the slice's cardinality.
 * 4. urn-uuid-reference — warning "Invalid reference: got "urn:uuid:…", expected …" inside a Bundle:
 *    Medplum cannot see the target type of a `urn:uuid:` reference. Evidence: the reference at that path
 *    is that urn:uuid, the Bundle has an entry with that fullUrl, and the entry's resource type (or its
 *    profile) is among the expected targets.
 */
import { childValues, matchesPattern, valuesAt } from './fhir-path.ts';
import type { ElementLike, ImplementationGuide, StructureDefinitionLike } from './guide.ts';
import { isObject, type JsonObject, list, objects, str } from './json.ts';
import { innerMap } from './memo.ts';

export type FalsePositiveCategory =
  | 'repeating-pattern'
  | 'extension-slice-by-url'
  | 'binding-discriminated-slice'
  | 'urn-uuid-reference';

/** The part of a Medplum OperationOutcomeIssue looked at. */
export interface MedplumIssue {
  severity: string;
  code: string;
  details?: { text?: string };
  expression?: string[];
}

export interface IssueContext {
  resource: JsonObject;
  profile?: StructureDefinitionLike | undefined;
  guide?: ImplementationGuide;
  bundle?: JsonObject;
}

const PATTERN_MISMATCH = 'Value did not match expected pattern';
const SLICE_COUNT =
  /^Incorrect number of values provided for slice '([^']+)': expected (\d+)\.\.(\d+|\*), but found 0$/;
const URN_REFERENCE = /^Invalid reference: got "(urn:uuid:[0-9a-f-]+)", expected (.+)$/;

export function classifyIssue(issue: MedplumIssue, context: IssueContext): FalsePositiveCategory | undefined {
  const text = issue.details?.text ?? '';
  const [expression, ...more] = issue.expression ?? [];
  if (!expression || more.length > 0) return undefined;
  if (issue.severity === 'error' && text === PATTERN_MISMATCH && context.profile) {
    return isRepeatingPatternFalsePositive(expression, context.resource, context.profile)
      ? 'repeating-pattern'
      : undefined;
  }
  const slice = SLICE_COUNT.exec(text);
  if (issue.severity === 'error' && slice && context.profile) {
    const [, name = '', min = '0', max = '*'] = slice;
    const cardinality = { min: Number(min), max: max === '*' ? Number.POSITIVE_INFINITY : Number(max) };
    if (expression.endsWith('.extension')) {
      return isExtensionSliceFalsePositive(expression, name, cardinality, context.resource, context.profile)
        ? 'extension-slice-by-url'
        : undefined;
    }
    return context.guide &&
      isBindingSliceFalsePositive(
        expression,
        name,
        cardinality,
        context.resource,
        context.profile,
        context.guide,
      )
      ? 'binding-discriminated-slice'
      : undefined;
  }
  const urn = URN_REFERENCE.exec(text);
  if (issue.severity === 'warning' && urn && context.bundle) {
    const [, target = '', expected = ''] = urn;
    return isUrnReferenceFalsePositive(expression, target, expected, context.resource, context.bundle)
      ? 'urn-uuid-reference'
      : undefined;
  }
  return undefined;
}

// A profile's snapshot elements by id, indexed once per profile (the checks below look up several each).
const elementIndexes = new WeakMap<StructureDefinitionLike, Map<string, ElementLike>>();

function elementById(profile: StructureDefinitionLike, id: string): ElementLike | undefined {
  let index = elementIndexes.get(profile);
  if (!index) {
    index = new Map();
    // The first element of an id wins, as Array.find did.
    for (const element of profile.snapshot?.element ?? [])
      if (!index.has(element.id)) index.set(element.id, element);
    elementIndexes.set(profile, index);
  }
  return index.get(id);
}

function patternOf(element: ElementLike): unknown {
  const key = Object.keys(element).find((k) => k.startsWith('pattern'));
  return key === undefined ? undefined : element[key];
}

/** The element or one of its ancestors repeats in base R4. */
function repeats(profile: StructureDefinitionLike, path: string): boolean {
  const segments = path.split('.');
  for (let n = 2; n <= segments.length; n++) {
    const element = elementById(profile, segments.slice(0, n).join('.'));
    if (element?.base?.max === '*') return true;
  }
  return false;
}

// Per profile and path, the pattern of an element that has one and repeats (null: none).
const repeatingPatterns = new WeakMap<StructureDefinitionLike, Map<string, { pattern: unknown } | null>>();

/** The pattern at a path without indexes, when its element has one and it or an ancestor repeats. */
function repeatingPatternAt(profile: StructureDefinitionLike, path: string): unknown {
  if (/\[\d+\]/.test(path)) return undefined;
  const byPath = innerMap(repeatingPatterns, profile);
  let found = byPath.get(path);
  if (found === undefined) {
    const element = elementById(profile, path);
    const pattern = element && patternOf(element);
    found = pattern === undefined || !repeats(profile, path) ? null : { pattern };
    byPath.set(path, found);
  }
  return found?.pattern;
}

function isRepeatingPatternFalsePositive(
  path: string,
  resource: JsonObject,
  profile: StructureDefinitionLike,
) {
  const pattern = repeatingPatternAt(profile, path);
  if (pattern === undefined) return false;
  const values = valuesAt(resource, path);
  return values.length > 0 && values.every((value) => matchesPattern(value, pattern));
}

interface Cardinality {
  min: number;
  max: number;
}

function within(count: number, { min, max }: Cardinality): boolean {
  return count >= min && count <= max;
}

function isExtensionSliceFalsePositive(
  path: string,
  sliceName: string,
  cardinality: Cardinality,
  resource: JsonObject,
  profile: StructureDefinitionLike,
): boolean {
  if (/\[\d+\]/.test(path)) return false;
  const slice = elementById(profile, `${path}:${sliceName}`);
  const type = slice?.type?.[0];
  const url = type?.code === 'Extension' ? type.profile?.[0] : undefined;
  if (!url) return false;
  const parents = valuesAt(resource, path.slice(0, path.lastIndexOf('.')));
  return (
    parents.length > 0 &&
    parents.every((parent) => {
      const extensions = childValues(parent, 'extension');
      return within(extensions.filter((e) => isObject(e) && e.url === url).length, cardinality);
    })
  );
}

function isBindingSliceFalsePositive(
  path: string,
  sliceName: string,
  cardinality: Cardinality,
  resource: JsonObject,
  profile: StructureDefinitionLike,
  guide: ImplementationGuide,
): boolean {
  const elements = profile.snapshot?.element ?? [];
  const slice = elements.find((e) => e.sliceName === sliceName && e.path.startsWith(`${path}.`));
  const valueSet = slice?.binding?.valueSet;
  if (!slice || patternOf(slice) !== undefined || slice.binding?.strength !== 'required' || !valueSet) {
    return false;
  }
  const discriminator = elements.find((e) => e.path === slice.path && e.slicing)?.slicing?.discriminator;
  const only = discriminator?.length === 1 ? discriminator[0] : undefined;
  if (only?.path !== '$this' || (only.type !== 'pattern' && only.type !== 'value')) return false;
  const systems = (guide.valueSets.get(valueSet)?.compose?.include ?? []).map((i) => i.system);
  if (systems.length === 0) return false;
  const codings = valuesAt(resource, slice.path);
  return within(codings.filter((c) => isObject(c) && systems.includes(str(c.system))).length, cardinality);
}

function isUrnReferenceFalsePositive(
  path: string,
  target: string,
  expected: string,
  resource: JsonObject,
  bundle: JsonObject,
): boolean {
  const atPath = valuesAt(resource, path);
  if (!atPath.some((value) => isObject(value) && value.reference === target)) return false;
  if (bundle.resourceType !== 'Bundle') return false;
  const entry = objects(bundle.entry).find(({ item }) => item.fullUrl === target)?.item;
  const found = isObject(entry?.resource) ? entry.resource : undefined;
  if (!found) return false;
  const accepted = [...expected.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const meta = isObject(found.meta) ? found.meta : {};
  const candidates = [
    `http://hl7.org/fhir/StructureDefinition/${str(found.resourceType)}`,
    ...list(meta.profile),
  ];
  return candidates.some((url) => typeof url === 'string' && accepted.includes(url));
}
