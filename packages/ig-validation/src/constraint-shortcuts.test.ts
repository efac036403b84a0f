import { evalFhirPath } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { constraintShortcut } from './constraint-shortcuts.ts';

const plain = (_name: string) => true;

function holds(expression: string, object: Record<string, unknown>, isPlain = plain): boolean {
  const shortcut = constraintShortcut(expression);
  if (!shortcut) throw new Error(`no shortcut for ${expression}`);
  return shortcut(object, isPlain);
}

describe('constraintShortcut', () => {
  it('reads paths ending in empty(), exists() or hasValue(), not(), parentheses, and, or, implies', () => {
    for (const expression of [
      'contained.contained.empty()',
      'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
      'countMax.empty() or count.exists()',
      'duration.exists().not() or unit.hasValue()',
      '(a.empty() or b.exists()) implies (c.empty() and d.hasValue().not())',
      'duration.exists() implies duration >= 0',
      "a.empty() or b.c = 'x'",
      'htmlChecks()',
      "code.coding.exists(code = '1')",
      'identifier.where(use = \u0027official\u0027).empty()',
      "offset.empty() or (when.exists() and when.select($this in ('C' | 'CM' | 'CD' | 'CV')).allFalse())",
      'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()',
      'a.all(b > 1) and c.allTrue()',
    ]) {
      expect(constraintShortcut(expression), expression).toBeTypeOf('function');
    }
  });

  it('has none for anything else, or for an expression that does not end where it should', () => {
    for (const expression of [
      'extension.exists() != value.exists()',
      'duration >= a.b',
      'a.count() > 0',
      'a = true',
      'a >= -1',
      '%resource.contained.empty()',
      'a.where(b, c).empty()',
      'a.where().empty()',
      'a.empty(b)',
      'a.count(b) = 0',
      'a.where(b.exists()',
      "where(a = 'x').empty()",
      'a.exists(b) + 1',
      'a.empty() and',
      '(a.empty()',
      'a.empty() b.empty()',
      'a.empty( )',
      'htmlChecks(div)',
      'a.not()',
      'true or a.empty()',
      '$this.empty()',
    ]) {
      expect(constraintShortcut(expression), expression).toBeUndefined();
    }
  });

  it('holds when the elements that decide it are absent, and is not proven otherwise', () => {
    expect(holds('contained.contained.empty()', { id: 'x' })).toBe(true);
    expect(holds('contained.contained.empty()', { contained: [{ resourceType: 'Patient' }] })).toBe(false);
    expect(holds('a.empty() and b.empty()', { c: 1 })).toBe(true);
    expect(holds('a.empty() and b.empty()', { b: 1 })).toBe(false);
    expect(holds('countMax.empty() or count.exists()', { count: 1 })).toBe(true);
    expect(holds('countMax.empty() or count.exists()', { countMax: 2, count: 1 })).toBe(false);
    expect(holds('a.exists() implies b.exists()', {})).toBe(true);
    expect(holds('a.exists() implies b.exists()', { a: 1 })).toBe(false);
    expect(holds('a.exists() implies b.empty()', { a: 1 })).toBe(true);
    expect(holds('a.hasValue().not()', {})).toBe(true);
    expect(holds('a.empty().not()', {})).toBe(false);
    expect(holds('(a.exists() and b.exists()).not()', { b: 1 })).toBe(true);
    expect(holds('htmlChecks()', { div: '<div/>' })).toBe(true);
  });

  it('takes a comparison for safe only when its path is empty (Medplum evaluates every term)', () => {
    expect(holds('duration.exists() implies duration >= 0', {})).toBe(true);
    expect(holds('duration.exists() implies duration >= 0', { duration: -1 })).toBe(false);
    expect(holds("a.empty() or b.c = 'x'", {})).toBe(true);
    expect(holds("a.empty() or b.c = 'x'", { b: [{ c: 'x' }, { c: 'y' }] })).toBe(false);
  });

  it('counts a primitive extension (`_a`) as the element, and proves nothing for names that are not plain', () => {
    expect(holds('a.empty()', { _a: { extension: [] } })).toBe(false);
    expect(holds('value.empty()', { valueString: 'x' }, (name) => name !== 'value')).toBe(false);
    expect(holds('a.empty()', {}, () => false)).toBe(false);
  });

  it('takes where(), select(), exists(…), all(…), allTrue() and allFalse() for safe only on an empty path', () => {
    const tim9 = "offset.empty() or (when.exists() and when.select($this in ('C' | 'CM')).allFalse())";
    expect(holds(tim9, { count: 1 })).toBe(true);
    expect(holds(tim9, { when: ['C'] })).toBe(false);
    expect(holds(tim9, { offset: 1 })).toBe(false);
    expect(holds("a.where(b = 'x').empty()", {})).toBe(true);
    expect(holds("a.where(b = 'x').empty()", { a: [{ b: 'y' }] })).toBe(false);
    expect(holds("a.exists(b = 'x').not()", {})).toBe(true);
    expect(holds("a.exists(b = 'x').not()", { a: [{ b: 'y' }] })).toBe(false);
    expect(holds('a.all(b > 1)', { c: 1 })).toBe(true);
    expect(holds('a.all(b > 1)', { a: [{ b: 2 }] })).toBe(false);
    expect(constraintShortcut('a.where(b.where(')).toBeUndefined();
  });

  it('never says a constraint holds that Medplum’s FHIRPath finds false', () => {
    const expressions = [
      'a.empty()',
      'a.b.empty() and c.empty()',
      'a.empty() or b.exists()',
      'a.exists() implies b.hasValue()',
      '(a.exists() and b.exists()).not() or c.empty()',
      'a.hasValue().not() or b.hasValue().not()',
      'a.exists() implies (b.empty() and c.exists().not())',
      'a.exists() implies a >= 0',
      "c.empty() or b.c = 'y'",
      'htmlChecks() and (a.empty() or b < 2)',
      "a.where(b = 'y').empty() or c.exists()",
      'a.select(b).allFalse() and c.all($this > 1)',
      "a.exists(b = 'y') implies c.where(d.exists()).exists()",
      "(a.empty() or b.select($this in ('y' | 'z')).allTrue()) and c.exists($this = 2).not()",
    ];
    const values: unknown[] = [undefined, 1, 'x', true, { b: 1 }, [{ b: 'y' }], { c: 2 }];
    let proven = 0;
    for (const expression of expressions) {
      for (const a of values)
        for (const b of values)
          for (const c of values) {
            const object: Record<string, unknown> = {};
            if (a !== undefined) object.a = a;
            if (b !== undefined) object.b = b;
            if (c !== undefined) object.c = c;
            if (!holds(expression, object)) continue;
            proven++;
            expect(evalFhirPath(expression, object), `${expression} on ${JSON.stringify(object)}`).toEqual([
              true,
            ]);
          }
    }
    expect(proven).toBeGreaterThan(200);
  });
});
