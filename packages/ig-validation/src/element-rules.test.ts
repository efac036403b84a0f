import { describe, expect, it } from 'vitest';
import { checkElements, elementRules } from './element-rules.ts';
import type { StructureDefinitionLike } from './guide.ts';
import type { Terminology } from './value-sets.ts';

const CS = 'https://example.org/CodeSystem/tier';
const VS = 'https://example.org/ValueSet/tier';
const terminology: Terminology = {
  valueSets: new Map([[VS, { resourceType: 'ValueSet', compose: { include: [{ system: CS }] } }]]),
  codeSystems: new Map([
    [CS, { resourceType: 'CodeSystem', content: 'complete', concept: [{ code: '1' }, { code: '3' }] }],
  ]),
};
const profile: StructureDefinitionLike = {
  resourceType: 'StructureDefinition',
  url: 'https://example.org/StructureDefinition/Claim-x',
  type: 'Claim',
  snapshot: {
    element: [
      { id: 'Claim', path: 'Claim' },
      { id: 'Claim.priority', path: 'Claim.priority', binding: { strength: 'required', valueSet: VS } },
      { id: 'Claim.subType', path: 'Claim.subType', binding: { strength: 'extensible', valueSet: VS } },
      {
        id: 'Claim.supportingInfo',
        path: 'Claim.supportingInfo',
        slicing: { discriminator: [{ type: 'pattern', path: 'category' }] },
      },
      {
        id: 'Claim.supportingInfo:weight',
        path: 'Claim.supportingInfo',
        sliceName: 'weight',
        constraint: [
          {
            key: 'HTWT',
            severity: 'error',
            human: 'below 1000',
            expression: 'value.ofType(Quantity).value < 1000',
            source: 'https://example.org/StructureDefinition/Claim-x',
          },
          {
            key: 'ele-1',
            severity: 'error',
            expression: 'false',
            source: 'http://hl7.org/fhir/StructureDefinition/Element',
          },
        ],
      },
      {
        id: 'Claim.supportingInfo:weight.category',
        path: 'Claim.supportingInfo.category',
        patternCodeableConcept: { coding: [{ code: 'weight' }] },
      },
    ],
  },
};
const rules = elementRules(profile, terminology);
const claim = (weight: number, priority: unknown) => ({
  resourceType: 'Claim',
  priority,
  subType: { coding: [{ system: CS, code: '9' }] },
  supportingInfo: [
    { sequence: 1, category: { coding: [{ code: 'height' }] }, valueQuantity: { value: 5000 } },
    { sequence: 2, category: { coding: [{ code: 'weight' }] }, valueQuantity: { value: weight } },
  ],
});
const check = (resource: unknown) =>
  checkElements(resource, 'Bundle.entry[0].resource.ofType(Claim)', rules).map(
    ({ rule, code, expression }) => ({
      rule,
      code,
      expression,
    }),
  );

describe('checkElements', () => {
  it('passes a resource that meets the slice invariant and the required binding', () => {
    expect(
      check(
        claim(60, {
          coding: [
            { system: 'other', code: 'x' },
            { system: CS, code: '3' },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('evaluates an invariant on the items of its slice only, not base FHIR’s', () => {
    expect(check(claim(1234, { coding: [{ system: CS, code: '1' }] }))).toEqual([
      {
        rule: 'ig.slice-invariant',
        code: 'invariant',
        expression: 'Bundle.entry[0].resource.ofType(Claim).supportingInfo[1]',
      },
    ]);
  });

  it('refuses a CodeableConcept none of whose codings is in the required ValueSet; extensible is not checked', () => {
    expect(check(claim(60, { coding: [{ system: CS, code: '2' }] }))).toEqual([
      {
        rule: 'ig.binding',
        code: 'code-invalid',
        expression: 'Bundle.entry[0].resource.ofType(Claim).priority.coding[0].code',
      },
    ]);
  });

  it('leaves an invariant with nothing to test, and a concept with text only, alone', () => {
    const resource = claim(60, { text: 'urgent' });
    delete (resource.supportingInfo[1] as { valueQuantity?: unknown }).valueQuantity;
    expect(check(resource)).toEqual([]);
  });
});

describe('slice invariants of the kinds the TWPAS guide declares', () => {
  const guideLike: StructureDefinitionLike = {
    resourceType: 'StructureDefinition',
    url: 'https://example.org/StructureDefinition/Claim-guide-kinds',
    type: 'Claim',
    snapshot: {
      element: [
        { id: 'Claim', path: 'Claim' },
        {
          id: 'Claim.supportingInfo',
          path: 'Claim.supportingInfo',
          type: [{ code: 'BackboneElement' }],
          slicing: { discriminator: [{ type: 'pattern', path: 'category' }] },
        },
        {
          id: 'Claim.supportingInfo:weight',
          path: 'Claim.supportingInfo',
          sliceName: 'weight',
          type: [{ code: 'BackboneElement' }],
          constraint: [
            {
              key: 'HTWT',
              severity: 'error',
              human: 'at most 2 decimal places, below 1000',
              expression:
                'value.ofType(Quantity).value < 1000 and ((value.ofType(Quantity).value * 100).round() / 100) = value.ofType(Quantity).value',
            },
          ],
        },
        {
          id: 'Claim.supportingInfo:weight.category',
          path: 'Claim.supportingInfo.category',
          patternCodeableConcept: { coding: [{ code: 'weight' }] },
        },
        {
          id: 'Claim.identifier',
          path: 'Claim.identifier',
          type: [{ code: 'Identifier' }],
          slicing: { discriminator: [{ type: 'value', path: 'system' }] },
        },
        {
          id: 'Claim.identifier:card',
          path: 'Claim.identifier',
          sliceName: 'card',
          type: [{ code: 'Identifier' }],
          constraint: [
            {
              key: 'card',
              severity: 'error',
              human: 'a card number',
              expression: "value.matches('^[A-Z][0-9]{9}$')",
            },
          ],
        },
        {
          id: 'Claim.identifier:card.system',
          path: 'Claim.identifier.system',
          fixedUri: 'https://example.org/card',
        },
      ],
    },
  };
  const guideRules = elementRules(guideLike, terminology);
  const failing = (weights: unknown[], card: string) =>
    checkElements(
      {
        resourceType: 'Claim',
        identifier: [{ system: 'https://example.org/card', value: card }],
        supportingInfo: weights.map((value, n) => ({
          sequence: n + 1,
          category: { coding: [{ code: 'weight' }] },
          valueQuantity: { value },
        })),
      },
      'Claim',
      guideRules,
    ).map(({ expression }) => expression);

  it('does arithmetic on the type a choice key names and matches text on an Identifier', () => {
    expect(failing([70.25, 0.29, 999.99], 'A123456789')).toEqual([]);
    expect(failing([70.125, 1000, 65], 'A12345678')).toEqual([
      'Claim.supportingInfo[0]',
      'Claim.supportingInfo[1]',
      'Claim.identifier[0]',
    ]);
  });
});
