import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { twpasGuide } from './testing/examples.ts';
import { inCodeSet, type Terminology, valueSetCodes } from './value-sets.ts';

const CS = 'https://example.org/CodeSystem/colour';
const terminology = (valueSets: Record<string, unknown>, complete = true): Terminology => ({
  valueSets: new Map(Object.entries(valueSets)),
  codeSystems: new Map([
    [
      CS,
      {
        resourceType: 'CodeSystem',
        url: CS,
        content: complete ? 'complete' : 'fragment',
        concept: [{ code: 'red', concept: [{ code: 'dark-red' }] }, { code: 'blue' }],
      },
    ],
  ]),
});
const vs = (compose: unknown) => ({ resourceType: 'ValueSet', compose });

describe('valueSetCodes', () => {
  it('lists a whole complete CodeSystem, nested concepts included', () => {
    const codes = valueSetCodes('vs', terminology({ vs: vs({ include: [{ system: CS }] }) }));
    expect([...(codes?.get(CS) ?? [])].sort()).toEqual(['blue', 'dark-red', 'red']);
  });

  it('lists explicit concepts only, and follows included ValueSets and versioned canonicals', () => {
    const t = terminology({
      outer: vs({ include: [{ valueSet: ['inner|1.0.0'] }] }),
      inner: vs({ include: [{ system: CS, concept: [{ code: 'blue' }] }] }),
    });
    const codes = valueSetCodes('outer|2', t);
    expect(codes && inCodeSet(codes, 'blue', CS)).toBe(true);
    expect(codes && inCodeSet(codes, 'red', CS)).toBe(false);
    expect(codes && inCodeSet(codes, 'blue', 'https://example.org/other')).toBe(false);
    expect(codes && inCodeSet(codes, 'blue')).toBe(true);
  });

  it.each([
    [
      'a filter',
      vs({ include: [{ system: CS, filter: [{ property: 'concept', op: 'is-a', value: 'red' }] }] }),
    ],
    ['an exclude', vs({ include: [{ system: CS }], exclude: [{ system: CS, concept: [{ code: 'red' }] }] })],
    ['a system the guide does not hold', vs({ include: [{ system: 'http://snomed.info/sct' }] })],
    ['no include', vs({})],
  ])('cannot list a ValueSet with %s', (_why, valueSet) => {
    expect(valueSetCodes('vs', terminology({ vs: valueSet }))).toBeUndefined();
  });

  it('cannot list a CodeSystem that is not complete, nor a ValueSet that includes itself', () => {
    expect(
      valueSetCodes('vs', terminology({ vs: vs({ include: [{ system: CS }] }) }, false)),
    ).toBeUndefined();
    expect(
      valueSetCodes('loop', terminology({ loop: vs({ include: [{ valueSet: ['loop'] }] }) })),
    ).toBeUndefined();
  });

  it.skipIf(!sharedAvailable())('lists the guide’s own small code systems', () => {
    const codes = valueSetCodes('https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-tmhb-type', twpasGuide());
    const system = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-tmhb-type';
    expect(codes && inCodeSet(codes, '3', system)).toBe(true);
    expect(codes && inCodeSet(codes, '2', system)).toBe(false);
  });
});
