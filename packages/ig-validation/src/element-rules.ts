/**
 * What Medplum's profile validation leaves out, read from a profile's snapshot and checked by our code:
 * - invariants declared on a slice or inside one (e.g. `id-card-number` on `Patient.identifier:idCardNumber`,
 *   `HTWT` on `Claim.supportingInfo:weight`), evaluated on each instance of the slice with Medplum's FHIRPath
 *   engine, as the instance of its element's type;
 * - required bindings to ValueSets the guide itself can list (value-sets.ts): codes, Codings,
 *   CodeableConcepts, Quantities and bound strings must come from the ValueSet;
 * - fixed and pattern values, at the element that carries them (fixed-values.ts).
 */
import { buildTypeName, evalFhirPathTyped, type TypedValue } from '@medplum/core';
import { type ElementInstance, instanceFinder } from './element-instances.ts';
import { parsedFhirPath } from './fhir-path.ts';
import {
  type ClosedSlicing,
  checkFixedValues,
  type FixedValue,
  fixedValueRules,
  type RequiredSlice,
} from './fixed-values.ts';
import type { ElementLike, StructureDefinitionLike } from './guide.ts';
import { issue, type ValidationIssue } from './issue.ts';
import { isObject, objects, str } from './json.ts';
import { type CodeSet, inCodeSet, type Terminology, valueSetCodes } from './value-sets.ts';

export const IG_SLICE_INVARIANT_RULE = 'ig.slice-invariant';
export const IG_BINDING_RULE = 'ig.binding';

interface SliceInvariant {
  elementId: string;
  key: string;
  human: string;
  expression: string;
  /** The element's one type in the snapshot (`Identifier`, `BackboneElement` …), if it has one */
  type: string | undefined;
}

interface RequiredBinding {
  elementId: string;
  valueSet: string;
  codes: CodeSet;
}

export interface ElementRules {
  profile: string;
  index: Map<string, ElementLike>;
  invariants: SliceInvariant[];
  bindings: RequiredBinding[];
  fixedValues: FixedValue[];
  requiredSlices: RequiredSlice[];
  closedSlicings: ClosedSlicing[];
}

// Constraints every element carries from base FHIR; Medplum checks those where it checks anything.
const BASE_SOURCE = /^http:\/\/hl7\.org\/fhir\/StructureDefinition\//;

/** The checks of one profile (computed once per guide and profile). */
export function elementRules(sd: StructureDefinitionLike, terminology: Terminology): ElementRules {
  const elements = sd.snapshot?.element ?? [];
  const index = new Map(elements.map((element) => [element.id, element]));
  const invariants: SliceInvariant[] = [];
  const bindings: RequiredBinding[] = [];
  for (const element of elements) {
    if (element.id.includes(':')) {
      for (const constraint of element.constraint ?? []) {
        if (!constraint.expression || constraint.severity === 'warning') continue;
        if (constraint.source !== undefined && BASE_SOURCE.test(constraint.source)) continue;
        invariants.push({
          elementId: element.id,
          key: constraint.key,
          human: constraint.human ?? constraint.key,
          expression: constraint.expression,
          type: element.type?.length === 1 ? element.type[0]?.code : undefined,
        });
      }
    }
    const binding = element.binding;
    if (binding?.strength === 'required' && binding.valueSet) {
      const codes = valueSetCodes(binding.valueSet, terminology);
      if (codes) bindings.push({ elementId: element.id, valueSet: binding.valueSet, codes });
    }
  }
  // A base R4 binding a snapshot shows only inside slices (Claim.identifier:acpt_no.use) holds for the
  // element itself, so for items that fit no slice too (Claim.identifier.use).
  const bound = new Set(bindings.map((b) => b.elementId));
  for (const b of [...bindings]) {
    const match = /^(.*):[^.:]+\.([^:]+)$/.exec(b.elementId);
    if (!match || !b.valueSet.startsWith('http://hl7.org/fhir/ValueSet/')) continue;
    const elementId = `${match[1]}.${match[2]}`;
    if (bound.has(elementId) || index.has(elementId)) continue;
    bound.add(elementId);
    bindings.push({ ...b, elementId });
  }
  return { profile: sd.url, index, invariants, bindings, ...fixedValueRules(elements) };
}

/**
 * The instance as Medplum types a value: a choice by the type its key names, a backbone element by its
 * path (`ClaimSupportingInfo`), any other by its element's type. A type FHIRPath's system names
 * (`http://hl7.org/fhirpath/System.String`, an id) is a string.
 */
function typedInstance(instance: ElementInstance, type: string | undefined): TypedValue {
  if (instance.choiceType) return { type: instance.choiceType, value: instance.value };
  if (type === 'BackboneElement' || type === 'Element')
    return { type: buildTypeName(instance.base.split('.')), value: instance.value };
  if (type?.startsWith('http://hl7.org/fhirpath/System.')) return { type: 'string', value: instance.value };
  return { type: type ?? 'Element', value: instance.value };
}

/** A FHIR invariant fails when its expression is false; an empty result (nothing to test) passes. */
function invariantFails(instance: ElementInstance, invariant: SliceInvariant): boolean {
  const typed = typedInstance(instance, invariant.type);
  try {
    const result = evalFhirPathTyped(parsedFhirPath(invariant.expression), [typed], { '%context': typed });
    return result.length === 1 && result[0]?.value === false;
  } catch {
    return false;
  }
}

/** A CodeableConcept: codings and/or text (a Coding or Quantity has a `code` of its own). */
function isConcept(value: unknown): boolean {
  return (
    isObject(value) && (Array.isArray(value.coding) || (value.text !== undefined && value.code === undefined))
  );
}

/** The codes an instance holds, each with the FHIRPath of its `code` and its system when it has one. */
function codesIn(instance: ElementInstance): { code: string; system?: string; path: string }[] {
  const { value, path } = instance;
  if (typeof value === 'string') return [{ code: value, path }];
  if (!isObject(value)) return [];
  if (isConcept(value)) {
    return objects(value.coding).flatMap(({ item, index }) => {
      const code = str(item.code);
      if (code === undefined) return [];
      const system = str(item.system);
      return [{ code, ...(system ? { system } : {}), path: `${path}.coding[${index}].code` }];
    });
  }
  const code = str(value.code);
  if (code === undefined) return [];
  const system = str(value.system);
  return [{ code, ...(system ? { system } : {}), path: `${path}.code` }];
}

/**
 * The issues of a resource (at `entryPath`, e.g. `Bundle.entry[3].resource.ofType(Patient)`) against the
 * slice invariants and required bindings of one profile.
 */
export function checkElements(resource: unknown, entryPath: string, rules: ElementRules): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const find = instanceFinder(resource, rules.index);
  const at = (path: string) =>
    `${entryPath}${path.slice(path.indexOf('.') < 0 ? path.length : path.indexOf('.'))}`;
  for (const invariant of rules.invariants) {
    for (const instance of find(invariant.elementId) ?? []) {
      if (!invariantFails(instance, invariant)) continue;
      issues.push(
        issue(
          IG_SLICE_INVARIANT_RULE,
          'invariant',
          at(instance.path),
          `不符合 ${rules.profile} 的規則 ${invariant.key}：${invariant.human}`,
          `Does not meet ${invariant.key} of ${rules.profile}: ${invariant.human}`,
        ),
      );
    }
  }
  for (const binding of rules.bindings) {
    for (const instance of find(binding.elementId) ?? []) {
      const codes = codesIn(instance);
      if (codes.length === 0) continue;
      // A CodeableConcept needs one of its codings from the ValueSet; any other code must be from it.
      const wrong = codes.filter(({ code, system }) => !inCodeSet(binding.codes, code, system));
      const fails = isConcept(instance.value) ? wrong.length === codes.length : wrong.length > 0;
      if (!fails) continue;
      for (const { code, path } of isConcept(instance.value) ? wrong.slice(0, 1) : wrong) {
        issues.push(
          issue(
            IG_BINDING_RULE,
            'code-invalid',
            at(path),
            `代碼 ${code} 不在 ${rules.profile} 規定的值集 ${binding.valueSet} 中`,
            `Code ${code} is not in the value set ${binding.valueSet} that ${rules.profile} requires`,
          ),
        );
      }
    }
  }
  issues.push(...checkFixedValues(resource, rules.profile, rules, at, find));
  return issues;
}
