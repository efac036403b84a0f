import { describe, expect, it } from 'vitest';
import { checkFixedValues, fixedValueRules } from './fixed-values.ts';
import type { ElementLike } from './guide.ts';

// A small profile: Claim.use fixed, Claim.identifier sliced (open) by use with a required slice,
// Claim.insurance.coverage's coding sliced (closed) by system.
const elements: ElementLike[] = [
  { id: 'Claim', path: 'Claim' },
  { id: 'Claim.use', path: 'Claim.use', fixedCode: 'preauthorization' },
  {
    id: 'Claim.identifier',
    path: 'Claim.identifier',
    slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' } as never,
  },
  { id: 'Claim.identifier:acpt', path: 'Claim.identifier', sliceName: 'acpt', min: 1 },
  { id: 'Claim.identifier:acpt.use', path: 'Claim.identifier.use', patternCode: 'official' },
  { id: 'Claim.identifier:acpt.system', path: 'Claim.identifier.system', patternUri: 'https://nhi/acpt' },
  { id: 'Claim.type', path: 'Claim.type', patternCodeableConcept: { coding: [{ system: 's', code: 'c' }] } },
  {
    id: 'Claim.type.coding',
    path: 'Claim.type.coding',
    slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' } as never,
  },
  { id: 'Claim.type.coding:s', path: 'Claim.type.coding', sliceName: 's', min: 0 },
  { id: 'Claim.type.coding:s.system', path: 'Claim.type.coding.system', fixedUri: 's' },
];
const rules = { index: new Map(elements.map((e) => [e.id, e])), ...fixedValueRules(elements) };
const check = (claim: object) =>
  checkFixedValues({ resourceType: 'Claim', ...claim }, 'P', rules, (path) => path).map((i) => [
    i.rule,
    i.expression,
  ]);

const valid = {
  use: 'preauthorization',
  identifier: [{ use: 'official', system: 'https://nhi/acpt', value: '1' }],
  type: { coding: [{ system: 's', code: 'c' }] },
};

describe('fixed and pattern values', () => {
  it('pass a resource that has them', () => {
    expect(check(valid)).toEqual([]);
  });

  it('name a fixed value that differs at its element', () => {
    expect(check({ ...valid, use: 'claim' })).toEqual([['ig.fixed-value', 'Claim.use']]);
  });

  it('name a pattern a complex value does not contain at its element', () => {
    expect(check({ ...valid, type: { coding: [{ system: 's', code: 'other' }] } })).toEqual([
      ['ig.fixed-value', 'Claim.type'],
    ]);
  });

  it('name the value that took an item out of a required slice, at that item', () => {
    const identifier = [
      { use: 'usual', system: 'https://nhi/other', value: 'x' },
      { use: 'secondary', system: 'https://nhi/acpt', value: '1' },
    ];
    expect(check({ ...valid, identifier })).toEqual([['ig.slice-value', 'Claim.identifier[1].use']]);
  });

  it('name the value that left an item in no slice of a closed slicing', () => {
    const type = {
      coding: [
        { system: 's', code: 'c' },
        { system: 't', code: 'd' },
      ],
    };
    expect(check({ ...valid, type })).toEqual([['ig.slice-value', 'Claim.type.coding[1].system']]);
  });
});
