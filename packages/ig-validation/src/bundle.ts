/**
 * The Bundle-level checks Medplum cannot make (it does not load Bundle profiles whose entries are sliced
 * by profile, and its FHIRPath resolve() does not follow references inside a Bundle), driven by the
 * guide's Bundle StructureDefinition rather than by our constants:
 * - the top-level elements of the snapshot: cardinality and fixed/pattern values (e.g. `type`);
 * - the closed entry slicing with each slice's cardinality;
 * - the profile's own invariants: drug → reimbursement-indication rules written as
 *   `…resolve().medication.coding.code = 'X').all(programCode.coding.code.matches('A|B'))` are applied
 *   by following the item's reference inside the Bundle (an item of drug X needs a coded indication, each
 *   code one of A, B …); invariants without resolve() are evaluated with Medplum's FHIRPath; any other
 *   invariant is listed in `unsupported`;
 * - full URLs: absolute (base R4), distinct, and every urn:uuid reference resolvable to an entry.
 */
import { evalFhirPath } from '@medplum/core';
import { matchesPattern, parsedFhirPath } from './fhir-path.ts';
import type { ElementLike, StructureDefinitionLike } from './guide.ts';
import { isObject, type JsonObject, list, objects, str } from './json.ts';

export interface GuideEntrySlice {
  name: string;
  profile: string;
  min: number;
  max: number;
}

export interface TopElement {
  name: string;
  min: number;
  max: number;
  /** fixed[x] or pattern[x] value, when the profile sets one. */
  pattern?: unknown;
}

export interface ProgramCodeRule {
  key: string;
  drug: string;
  allowed: string[];
}

export interface BundleProfileRules {
  profile: string;
  elements: TopElement[];
  slices: GuideEntrySlice[];
  programCodes: ProgramCodeRule[];
  /** Invariants without resolve(), as key → FHIRPath. */
  invariants: Map<string, string>;
  /** Invariants of the profile that neither form above covers (not checked), key → FHIRPath. */
  unsupported: Map<string, string>;
}

const BASE_BUNDLE = 'http://hl7.org/fhir/StructureDefinition/Bundle';
// FHIR R4 defines Bundle.entry.fullUrl as an absolute URL or a urn:uuid / urn:oid: a URI with a scheme.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const PROGRAM_CODE_RULE =
  /medication\.coding\.code = '([^']+)'\)\.all\(programCode\.coding\.code\.matches\('([^']+)'\)\)$/;

function maxOf(element: ElementLike): number {
  return element.max === '*' || element.max === undefined ? Number.POSITIVE_INFINITY : Number(element.max);
}

function patternOf(element: ElementLike): unknown {
  const key = Object.keys(element).find((k) => k.startsWith('pattern') || k.startsWith('fixed'));
  return key === undefined ? undefined : element[key];
}

export function bundleProfileRules(sd: StructureDefinitionLike): BundleProfileRules {
  const elements = sd.snapshot?.element ?? [];
  const slices = elements.flatMap((element) => {
    const match = /^Bundle\.entry:([^.]+)$/.exec(element.id);
    if (!match) return [];
    const name = match[1] ?? '';
    const resource = elements.find((e) => e.id === `Bundle.entry:${name}.resource`);
    const profile = resource?.type?.[0]?.profile?.[0];
    return profile ? [{ name, profile, min: element.min ?? 0, max: maxOf(element) }] : [];
  });
  const top = elements.flatMap((element) => {
    const match = /^Bundle\.([a-zA-Z]+)$/.exec(element.id);
    if (!match) return [];
    const pattern = patternOf(element);
    const name = match[1] ?? '';
    return [
      { name, min: element.min ?? 0, max: maxOf(element), ...(pattern === undefined ? {} : { pattern }) },
    ];
  });
  const programCodes: ProgramCodeRule[] = [];
  const invariants = new Map<string, string>();
  const unsupported = new Map<string, string>();
  const root = elements.find((e) => e.id === 'Bundle');
  for (const constraint of root?.constraint ?? []) {
    const expression = constraint.expression;
    if (!expression || constraint.severity === 'warning') continue;
    if (constraint.source === undefined || constraint.source === BASE_BUNDLE) continue;
    const rule = PROGRAM_CODE_RULE.exec(expression);
    if (rule)
      programCodes.push({ key: constraint.key, drug: rule[1] ?? '', allowed: (rule[2] ?? '').split('|') });
    else if (!expression.includes('resolve()')) invariants.set(constraint.key, expression);
    else unsupported.set(constraint.key, expression);
  }
  return { profile: sd.url, elements: top, slices, programCodes, invariants, unsupported };
}

/** A Bundle-level finding, before it becomes a ValidationIssue. */
export interface BundleFinding {
  rule: string;
  code: 'structure' | 'invariant' | 'value' | 'not-found';
  expression: string;
  zh: string;
  en: string;
}

function entryPath(index: number, resource: JsonObject | undefined): string {
  const type = str(resource?.resourceType);
  return `Bundle.entry[${index}].resource${type ? `.ofType(${type})` : ''}`;
}

/** The profiles a resource claims in its `meta.profile`. */
export function profilesOf(resource: JsonObject | undefined): string[] {
  const meta = resource?.meta;
  return isObject(meta) ? list(meta.profile).flatMap((p) => (typeof p === 'string' ? [p] : [])) : [];
}

/** The entry slice of the Bundle profile a resource falls in by its `meta.profile` (none: the slicing is closed). */
export function sliceOf(resource: unknown, rules: BundleProfileRules): GuideEntrySlice | undefined {
  const profiles = profilesOf(isObject(resource) ? resource : undefined);
  return rules.slices.find((s) => profiles.includes(s.profile));
}

/** A reference found in a resource of the Bundle, with the FHIRPath of its `reference` element. */
export interface BundleReference {
  reference: string;
  path: string;
}

function collectReferences(value: unknown, path: string, out: BundleReference[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectReferences(item, `${path}[${i}]`, out);
    });
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string')
        out.push({ reference: child, path: `${path}.reference` });
      else collectReferences(child, `${path}.${key}`, out);
    }
  }
}

/** Whether a `reference` that collectReferences would find in the value meets the test. */
function someReference(value: unknown, test: (reference: string) => boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => someReference(item, test));
  if (!isObject(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = value[key];
    if (key === 'reference' && typeof child === 'string' ? test(child) : someReference(child, test))
      return true;
  }
  return false;
}

function entryReferences(entries: { item: JsonObject; index: number }[]): BundleReference[] {
  const references: BundleReference[] = [];
  for (const { item: entry, index } of entries) {
    const resource = isObject(entry.resource) ? entry.resource : undefined;
    collectReferences(resource, entryPath(index, resource), references);
  }
  return references;
}

/** Every `reference` in the resources of the Bundle's entries, in entry order. */
export function bundleReferences(bundle: object): BundleReference[] {
  return entryReferences(objects((bundle as JsonObject).entry));
}

/** The findings of our own checks of a Bundle against one Bundle profile of the guide ([] when it meets them). */
export function checkBundle(resource: object, rules: BundleProfileRules): BundleFinding[] {
  const bundle = resource as JsonObject;
  const findings: BundleFinding[] = [];
  for (const element of rules.elements) {
    const values = list(bundle[element.name]);
    const path = `Bundle.${element.name}`;
    if (values.length < element.min || values.length > element.max) {
      findings.push({
        rule: 'ig.bundle-elements',
        code: 'structure',
        expression: path,
        zh: `${path} 出現 ${values.length} 次，${rules.profile} 規定 ${element.min}..${element.max}`,
        en: `${path} occurs ${values.length} times; ${rules.profile} requires ${element.min}..${element.max}`,
      });
    }
    if (element.pattern !== undefined && !values.every((v) => matchesPattern(v, element.pattern))) {
      const expected = JSON.stringify(element.pattern);
      findings.push({
        rule: 'ig.bundle-elements',
        code: 'value',
        expression: path,
        zh: `${path} 須為 ${expected}`,
        en: `${path} must be ${expected}`,
      });
    }
  }
  const entries = objects(bundle.entry);
  const inSlice = new Map<string, number[]>();
  for (const { item: entry, index } of entries) {
    const resource = isObject(entry.resource) ? entry.resource : undefined;
    const slice = sliceOf(resource, rules);
    if (slice) {
      inSlice.set(slice.name, [...(inSlice.get(slice.name) ?? []), index]);
      continue;
    }
    const profiles = profilesOf(resource);
    // At the profile it claims (the one element to change), or at meta.profile when it claims none.
    const path = !resource
      ? `Bundle.entry[${index}]`
      : `${entryPath(index, resource)}.meta.profile${profiles.length === 1 ? '[0]' : ''}`;
    const named = profiles.length > 0 ? profiles.join(', ') : '(none)';
    findings.push({
      rule: 'ig.bundle-slices',
      code: 'structure',
      expression: path,
      zh: `第 ${index} 個 entry 的 meta.profile（${named}）不屬於 ${rules.profile} 的任何 entry 切片`,
      en: `entry ${index} claims profile ${named}, which fits no entry slice of ${rules.profile} (closed slicing)`,
    });
  }
  for (const slice of rules.slices) {
    const members = inSlice.get(slice.name) ?? [];
    const count = members.length;
    if (count < slice.min || count > slice.max) {
      const range = `${slice.min}..${slice.max === Number.POSITIVE_INFINITY ? '*' : slice.max}`;
      // Too many: the first entry beyond the maximum; too few: the entries as a whole.
      const extra = count > slice.max ? members[slice.max] : undefined;
      findings.push({
        rule: 'ig.bundle-slices',
        code: 'structure',
        expression: extra === undefined ? 'Bundle.entry' : `Bundle.entry[${extra}]`,
        zh: `entry 切片 ${slice.name}（${slice.profile}）有 ${count} 筆，應為 ${range}`,
        en: `entry slice ${slice.name} (${slice.profile}) has ${count} entries, expected ${range}`,
      });
    }
  }
  findings.push(...checkReferences(entries), ...checkProgramCodes(entries, rules.programCodes));
  for (const [key, expression] of rules.invariants) {
    let met = false;
    try {
      const result = evalFhirPath(parsedFhirPath(expression), bundle as never);
      met = result.length === 1 && result[0] === true;
    } catch {
      met = false;
    }
    if (!met) {
      findings.push({
        rule: 'ig.bundle-invariant',
        code: 'invariant',
        expression: 'Bundle',
        zh: `未符合 ${rules.profile} 的規則 ${key}`,
        en: `invariant ${key} of ${rules.profile} is not met`,
      });
    }
  }
  return findings;
}

function checkReferences(entries: { item: JsonObject; index: number }[]): BundleFinding[] {
  const findings: BundleFinding[] = [];
  const fullUrls = new Map<string, number>();
  for (const { item: entry, index } of entries) {
    const fullUrl = str(entry.fullUrl);
    if (fullUrl === undefined) continue;
    if (!ABSOLUTE_URI.test(fullUrl)) {
      findings.push({
        rule: 'ig.bundle-full-url',
        code: 'value',
        expression: `Bundle.entry[${index}].fullUrl`,
        zh: `fullUrl ${fullUrl} 須為絕對 URL 或 urn:uuid／urn:oid（FHIR R4 Bundle.entry.fullUrl）`,
        en: `fullUrl ${fullUrl} must be an absolute URL or a urn:uuid / urn:oid (FHIR R4 Bundle.entry.fullUrl)`,
      });
    }
    if (fullUrls.has(fullUrl)) {
      findings.push({
        rule: 'ig.bundle-references',
        code: 'structure',
        expression: `Bundle.entry[${index}].fullUrl`,
        zh: `fullUrl ${fullUrl} 重複`,
        en: `fullUrl ${fullUrl} is used by more than one entry`,
      });
    }
    fullUrls.set(fullUrl, index);
  }
  // The references' paths are made only when one of them names no entry.
  const unresolved = (reference: string) => reference.startsWith('urn:uuid:') && !fullUrls.has(reference);
  if (!entries.some(({ item }) => someReference(item.resource, unresolved))) return findings;
  for (const { reference, path } of entryReferences(entries)) {
    if (!unresolved(reference)) continue;
    findings.push({
      rule: 'ig.bundle-references',
      code: 'not-found',
      expression: path,
      zh: `參照 ${reference} 在 Bundle 中找不到對應的 entry`,
      en: `reference ${reference} matches no entry of the Bundle`,
    });
  }
  return findings;
}

/** The entry a reference points at: by fullUrl, or `Type/id` by resource type and id (or fullUrl tail). */
function resolve(entries: { item: JsonObject }[], reference: string): JsonObject | undefined {
  for (const { item: entry } of entries) {
    const resource = isObject(entry.resource) ? entry.resource : undefined;
    if (!resource) continue;
    const fullUrl = str(entry.fullUrl);
    if (fullUrl === reference) return resource;
    if (`${str(resource.resourceType)}/${str(resource.id)}` === reference) return resource;
    if (fullUrl?.endsWith(`/${reference}`)) return resource;
  }
  return undefined;
}

function codesOf(concepts: unknown): string[] {
  return list(concepts).flatMap((concept) =>
    isObject(concept)
      ? objects(concept.coding).flatMap(({ item }) => (typeof item.code === 'string' ? [item.code] : []))
      : [],
  );
}

function checkProgramCodes(
  entries: { item: JsonObject; index: number }[],
  rules: ProgramCodeRule[],
): BundleFinding[] {
  if (rules.length === 0) return [];
  const findings: BundleFinding[] = [];
  for (const { item: entry, index } of entries) {
    const resource = isObject(entry.resource) ? entry.resource : undefined;
    if (!resource || !Array.isArray(resource.item)) continue;
    for (const { item, index: itemIndex } of objects(resource.item)) {
      const drugs = objects(item.extension).flatMap(({ item: extension }) => {
        const target = isObject(extension.valueReference)
          ? str(extension.valueReference.reference)
          : undefined;
        const request = target ? resolve(entries, target) : undefined;
        return request ? codesOf(request.medicationCodeableConcept) : [];
      });
      const given = codesOf(item.programCode);
      for (const rule of rules) {
        if (!drugs.includes(rule.drug)) continue;
        const wrong = given.filter((code) => !rule.allowed.includes(code));
        // `.all(programCode.coding.code.matches(…))` is not true for an item without a coded indication either.
        if (given.length > 0 && wrong.length === 0) continue;
        const expression = `${entryPath(index, resource)}.item[${itemIndex}].programCode`;
        const zhRule = `${rule.key}：限 ${rule.allowed.join('、')}`;
        const enRule = `${rule.key}: ${rule.allowed.join(', ')}`;
        findings.push({
          rule: 'ig.bundle-invariant',
          code: 'invariant',
          expression,
          ...(wrong.length > 0
            ? {
                zh: `藥品 ${rule.drug} 不適用給付適應症 ${wrong.join('、')}（${zhRule}）`,
                en: `drug ${rule.drug} does not allow indication ${wrong.join(', ')} (${enRule})`,
              }
            : {
                zh: `藥品 ${rule.drug} 的給付適應症須以代碼填寫（${zhRule}）`,
                en: `drug ${rule.drug} needs a coded indication (${enRule})`,
              }),
        });
      }
    }
  }
  return findings;
}
