import type { CodeSystemIndex, Concept } from './code-system.ts';
import { TerminologyError } from './errors.ts';
import type { ComposeFilter, ConceptProperty } from './types.ts';

// The filters of a ValueSet's compose (R4 filter-operator): is-a, descendent-of, is-not-a, generalizes,
// =, in, not-in, regex and exists, on the concept itself (`concept`/`code`), its display, its hierarchy
// (`parent`, `child`) or any property the code system gives its concepts.

const HIERARCHY = new Set(['concept', 'code']);
const MAX_PATTERN = 200;

function propertyValue(property: ConceptProperty): string | undefined {
  const value =
    property.valueCode ??
    property.valueCoding?.code ??
    property.valueString ??
    property.valueDateTime ??
    property.valueInteger ??
    property.valueDecimal ??
    property.valueBoolean;
  return value === undefined ? undefined : String(value);
}

function valuesOf(concept: Concept, property: string): readonly string[] {
  switch (property) {
    case 'concept':
    case 'code':
      return [concept.code];
    case 'display':
      return concept.display === undefined ? [] : [concept.display];
    case 'definition':
      return concept.definition === undefined ? [] : [concept.definition];
    case 'parent':
      return concept.parents;
    case 'child':
      return concept.children;
    default:
      return concept.property
        .filter((p) => p.code === property)
        .map(propertyValue)
        .filter((value): value is string => value !== undefined);
  }
}

function pattern(value: string, trusted: boolean): RegExp {
  if (!trusted)
    throw new TerminologyError(
      'not-supported',
      'regex filters are applied only in the value sets of the loaded guides, not in a value set sent with the request',
    );
  if (value.length > MAX_PATTERN) throw new TerminologyError('too-costly', 'the regex filter is too long');
  try {
    return new RegExp(`^(?:${value})$`, 'u');
  } catch {
    throw new TerminologyError('invalid', `the regex filter ${value} is not a valid regular expression`);
  }
}

/** A test of one concept for one filter of an include of `system`. */
export function conceptFilter(
  system: CodeSystemIndex,
  filter: ComposeFilter,
  trusted: boolean,
): (concept: Concept) => boolean {
  const { property, op, value } = filter;
  const list = () => new Set(value.split(',').map((item) => item.trim()));
  if (HIERARCHY.has(property)) {
    switch (op) {
      case 'is-a': {
        const codes = system.descendants(value).add(value);
        return (concept) => codes.has(concept.code);
      }
      case 'descendent-of': {
        const codes = system.descendants(value);
        return (concept) => codes.has(concept.code);
      }
      case 'is-not-a': {
        const codes = system.descendants(value).add(value);
        return (concept) => !codes.has(concept.code);
      }
      case 'generalizes': {
        const codes = system.ancestors(value).add(value);
        return (concept) => codes.has(concept.code);
      }
    }
  }
  switch (op) {
    case '=':
      return (concept) => valuesOf(concept, property).includes(value);
    case 'in': {
      const codes = list();
      return (concept) => valuesOf(concept, property).some((v) => codes.has(v));
    }
    case 'not-in': {
      const codes = list();
      return (concept) => !valuesOf(concept, property).some((v) => codes.has(v));
    }
    case 'regex': {
      const regex = pattern(value, trusted);
      return (concept) => valuesOf(concept, property).some((v) => regex.test(v));
    }
    case 'exists': {
      const wanted = value === 'true';
      return (concept) => valuesOf(concept, property).length > 0 === wanted;
    }
    default:
      throw new TerminologyError(
        'not-supported',
        `the filter ${property} ${op} ${value} on ${system.url} is not supported`,
      );
  }
}
