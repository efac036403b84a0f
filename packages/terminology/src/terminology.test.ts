import { describe, expect, it } from 'vitest';
import { TerminologyError } from './errors.ts';
import { OperationInput } from './operation-input.ts';
import { createTerminology } from './terminology.ts';
import type { AnyResource } from './types.ts';

// The engine over small made-up code systems and value sets: hierarchies, filters, excludes, imports.

const ANIMALS = 'http://example.org/animals';
const COLOURS = 'http://example.org/colours';
const base = 'http://example.org/ValueSet';

const resources: AnyResource[] = [
  {
    resourceType: 'CodeSystem',
    id: 'animals',
    url: ANIMALS,
    version: '2',
    name: 'Animals',
    title: '動物',
    status: 'active',
    content: 'complete',
    caseSensitive: false,
    property: [{ code: 'legs', type: 'integer' }],
    concept: [
      {
        code: 'mammal',
        display: 'Mammal',
        designation: [{ language: 'zh-TW', value: '哺乳類' }],
        concept: [
          { code: 'cat', display: 'Cat', property: [{ code: 'legs', valueInteger: 4 }] },
          { code: 'bat', display: 'Bat', property: [{ code: 'legs', valueInteger: 2 }] },
        ],
      },
      { code: 'bird', display: 'Bird', definition: 'has feathers' },
      { code: 'kiwi', display: 'Kiwi', property: [{ code: 'parent', valueCode: 'bird' }] },
    ],
  },
  {
    resourceType: 'CodeSystem',
    id: 'animals-1',
    url: ANIMALS,
    version: '1',
    status: 'retired',
    content: 'complete',
    concept: [{ code: 'dodo' }],
  },
  {
    resourceType: 'CodeSystem',
    id: 'colours',
    url: COLOURS,
    name: 'Colours',
    status: 'draft',
    content: 'complete',
    concept: [
      { code: 'R', display: '紅色 red' },
      { code: 'G', display: '綠色 green' },
    ],
  },
  vs('all-animals', [{ system: ANIMALS }]),
  vs('mammals', [{ system: ANIMALS, filter: [{ property: 'concept', op: 'is-a', value: 'mammal' }] }]),
  vs('below-bird', [
    { system: ANIMALS, filter: [{ property: 'concept', op: 'descendent-of', value: 'bird' }] },
  ]),
  vs('four-legs', [{ system: ANIMALS, filter: [{ property: 'legs', op: '=', value: '4' }] }]),
  vs('not-mammals', [
    { system: ANIMALS, filter: [{ property: 'concept', op: 'is-not-a', value: 'mammal' }] },
  ]),
  vs('a-few', [
    { system: ANIMALS, concept: [{ code: 'cat' }, { code: 'kiwi', display: 'Kiwi bird' }] },
    { system: COLOURS },
  ]),
  vs('all-but-cats', [{ system: ANIMALS }], [{ system: ANIMALS, concept: [{ code: 'cat' }] }]),
  vs('imported', [{ valueSet: [`${base}/mammals`] }, { system: COLOURS, concept: [{ code: 'R' }] }]),
  vs('intersection', [{ valueSet: [`${base}/mammals`, `${base}/four-legs`] }]),
  vs('external', [
    { system: 'http://loinc.org', concept: [{ code: '1234-5', display: 'Something' }] },
    { system: 'http://snomed.info/sct' },
  ]),
  vs('loop-a', [{ valueSet: [`${base}/loop-b`] }]),
  vs('loop-b', [{ valueSet: [`${base}/loop-a`] }]),
];

function vs(id: string, include: unknown[], exclude: unknown[] = []): AnyResource {
  return {
    resourceType: 'ValueSet',
    id,
    url: `${base}/${id}`,
    name: id,
    status: 'active',
    compose: { include, exclude },
  };
}

const terminology = createTerminology(resources);
const q = (query: string) => OperationInput.fromQuery(new URLSearchParams(query));
const codes = (query: string) =>
  ((terminology.expand(q(query)).expansion as { contains?: { code: string }[] }).contains ?? []).map(
    (c) => c.code,
  );
const total = (query: string) => (terminology.expand(q(query)).expansion as { total: number }).total;
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof TerminologyError) return [error.status, error.issue, error.message];
    throw error;
  }
  throw new Error('expected a TerminologyError');
};
const result = (parameters: {
  parameter: { name: string; valueBoolean?: boolean; valueString?: string }[];
}) => Object.fromEntries(parameters.parameter.map((p) => [p.name, p.valueBoolean ?? p.valueString]));

describe('$expand', () => {
  it('expands a whole code system in its order, nested concepts flattened, at its latest version', () => {
    expect(codes(`url=${base}/all-animals`)).toEqual(['mammal', 'cat', 'bat', 'bird', 'kiwi']);
    const expansion = terminology.expand(q(`url=${base}/all-animals`)).expansion as {
      contains: { version: string }[];
    };
    expect(expansion.contains[0]?.version).toBe('2');
  });

  it('applies is-a, descendent-of (nesting and parent properties), is-not-a and property filters', () => {
    expect(codes(`url=${base}/mammals`)).toEqual(['mammal', 'cat', 'bat']);
    expect(codes(`url=${base}/below-bird`)).toEqual(['kiwi']);
    expect(codes(`url=${base}/not-mammals`)).toEqual(['bird', 'kiwi']);
    expect(codes(`url=${base}/four-legs`)).toEqual(['cat']);
  });

  it('takes concept lists with their own displays, excludes, and other value sets (union and intersection)', () => {
    const contains = (terminology.expand(q(`url=${base}/a-few`)).expansion as { contains: unknown[] })
      .contains;
    expect(contains).toEqual([
      { system: ANIMALS, version: '2', code: 'cat', display: 'Cat' },
      { system: ANIMALS, version: '2', code: 'kiwi', display: 'Kiwi bird' },
      { system: COLOURS, code: 'R', display: '紅色 red' },
      { system: COLOURS, code: 'G', display: '綠色 green' },
    ]);
    expect(codes(`url=${base}/all-but-cats`)).toEqual(['mammal', 'bat', 'bird', 'kiwi']);
    expect(codes(`url=${base}/imported`)).toEqual(['mammal', 'cat', 'bat', 'R']);
    expect(codes(`url=${base}/intersection`)).toEqual(['cat']);
  });

  it('filters on code, display and designations, any letter case, every word, and pages with count and offset', () => {
    expect(codes(`url=${base}/all-animals&filter=AT`)).toEqual(['cat', 'bat']);
    expect(codes(`url=${base}/all-animals&filter=哺乳`)).toEqual(['mammal']);
    expect(codes(`url=${base}/a-few&filter=綠`)).toEqual(['G']);
    expect(codes(`url=${base}/a-few&filter=${encodeURIComponent('red 紅')}`)).toEqual(['R']);
    expect(codes(`url=${base}/all-animals&filter=ｃａｔ`)).toEqual(['cat']);
    expect(total(`url=${base}/all-animals&filter=i`)).toBe(2);
    expect(codes(`url=${base}/all-animals&count=2&offset=1`)).toEqual(['cat', 'bat']);
    expect(total(`url=${base}/all-animals&count=2&offset=1`)).toBe(5);
    expect(codes(`url=${base}/a-few&count=2&offset=3`)).toEqual(['G']);
    expect(codes(`url=${base}/all-animals&count=0`)).toEqual([]);
  });

  it('expands a value set sent in a Parameters body', () => {
    const input = OperationInput.fromParameters({
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'valueSet',
          resource: { resourceType: 'ValueSet', compose: { include: [{ system: COLOURS }] } },
        },
        { name: 'filter', valueString: 'GREEN' },
      ],
    });
    const expansion = terminology.expand(input).expansion as { contains: { code: string }[] };
    expect(expansion.contains.map((c) => c.code)).toEqual(['G']);
  });

  it('refuses what it cannot answer, saying why', () => {
    expect(refusal(() => terminology.expand(q('filter=x')))).toEqual([
      400,
      'required',
      'url (the value set) is required',
    ]);
    expect(refusal(() => terminology.expand(q(`url=${base}/nope`)))).toEqual([
      404,
      'not-found',
      `the value set ${base}/nope is not known here`,
    ]);
    expect(refusal(() => terminology.expand(q(`url=${base}/external`)))[1]).toBe('not-supported');
    expect(refusal(() => terminology.expand(q(`url=${base}/loop-a`)))[0]).toBe(400);
    expect(refusal(() => terminology.expand(q(`url=${base}/mammals&count=-1`)))[0]).toBe(400);
    expect(refusal(() => terminology.expand(q(`url=${base}/mammals&sort=yes`)))).toEqual([
      400,
      'invalid',
      '$expand does not take the parameter sort',
    ]);
  });
});

describe('$lookup', () => {
  it('answers name, version, display, designations and properties (definition, parent, child, own)', () => {
    const mammal = terminology.lookup(q(`system=${ANIMALS}&code=mammal`));
    expect(mammal.parameter).toEqual([
      { name: 'name', valueString: 'Animals' },
      { name: 'version', valueString: '2' },
      { name: 'display', valueString: 'Mammal' },
      {
        name: 'designation',
        part: [
          { name: 'language', valueCode: 'zh-TW' },
          { name: 'value', valueString: '哺乳類' },
        ],
      },
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'child' },
          { name: 'value', valueCode: 'cat' },
        ],
      },
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'child' },
          { name: 'value', valueCode: 'bat' },
        ],
      },
    ]);
    const cat = terminology.lookup(q(`system=${ANIMALS}&code=CAT&property=legs`));
    expect(cat.parameter.slice(3)).toEqual([
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'legs' },
          { name: 'value', valueInteger: 4 },
        ],
      },
    ]);
    expect(result(terminology.lookup(q(`system=${ANIMALS}&code=bird`))).property).toBeUndefined();
    expect(result(terminology.lookup(q(`system=${ANIMALS}&version=1&code=dodo`))).version).toBe('1');
  });

  it('refuses an unknown system, version or code with 404 and a missing code with 400', () => {
    expect(refusal(() => terminology.lookup(q(`system=${ANIMALS}&code=unicorn`)))).toEqual([
      404,
      'not-found',
      `${ANIMALS} has no code unicorn`,
    ]);
    expect(refusal(() => terminology.lookup(q('system=http://nowhere&code=x')))[0]).toBe(404);
    expect(refusal(() => terminology.lookup(q(`system=${ANIMALS}&version=9&code=cat`)))[0]).toBe(404);
    expect(refusal(() => terminology.lookup(q(`system=${ANIMALS}`)))[0]).toBe(400);
  });
});

describe('$validate-code', () => {
  it('says whether a code (and its display) is in a value set', () => {
    expect(result(terminology.validateCode(q(`url=${base}/mammals&system=${ANIMALS}&code=cat`)))).toEqual({
      result: true,
      display: 'Cat',
    });
    expect(result(terminology.validateCode(q(`url=${base}/mammals&system=${ANIMALS}&code=bird`)))).toEqual({
      result: false,
      message: `${ANIMALS}#bird is not in the value set ${base}/mammals`,
    });
    expect(
      result(terminology.validateCode(q(`url=${base}/mammals&system=${ANIMALS}&code=cat&display=Dog`)))
        .result,
    ).toBe(false);
    expect(
      result(terminology.validateCode(q(`url=${base}/mammals&system=${ANIMALS}&code=mammal&display=哺乳類`)))
        .result,
    ).toBe(true);
    expect(result(terminology.validateCode(q(`url=${base}/a-few&code=G`))).result).toBe(true);
    expect(
      result(terminology.validateCode(q(`url=${base}/external&system=http://loinc.org&code=1234-5`))).result,
    ).toBe(true);
    expect(
      result(terminology.validateCode(q(`url=${base}/external&system=http://snomed.info/sct&code=1`)))
        .message,
    ).toMatch(/cannot be checked/);
    expect(
      result(
        terminology.validateCode(q(`url=${base}/mammals&coding=${encodeURIComponent(`${ANIMALS}|bat`)}`)),
      ).result,
    ).toBe(true);
  });

  it('checks a code against a whole code system (CodeSystem/$validate-code)', () => {
    expect(result(terminology.validateCodeInSystem(q(`url=${COLOURS}&code=R`))).result).toBe(true);
    expect(result(terminology.validateCodeInSystem(q(`url=${COLOURS}&code=B`))).result).toBe(false);
    expect(result(terminology.validateCodeInSystem(q('code=G'), 'colours')).result).toBe(true);
  });
});

describe('read and search', () => {
  it('reads by id and searches by url, version, status, name and title', () => {
    expect(terminology.read('CodeSystem', 'colours').url).toBe(COLOURS);
    expect(refusal(() => terminology.read('ValueSet', 'colours'))[0]).toBe(404);
    const ids = (type: 'CodeSystem' | 'ValueSet', query: string) =>
      terminology.search(type, new URLSearchParams(query)).map((r) => r.id);
    expect(ids('CodeSystem', `url=${ANIMALS}`)).toEqual(['animals', 'animals-1']);
    expect(ids('CodeSystem', `url=${ANIMALS}&version=1`)).toEqual(['animals-1']);
    expect(ids('CodeSystem', 'status=draft,retired')).toEqual(['animals-1', 'colours']);
    expect(ids('CodeSystem', 'name=ani')).toEqual(['animals']);
    expect(ids('CodeSystem', 'name:exact=ani')).toEqual([]);
    expect(ids('CodeSystem', 'title:contains=物')).toEqual(['animals']);
    expect(ids('ValueSet', 'name=mam&_count=5')).toEqual(['mammals']);
    expect(refusal(() => ids('ValueSet', 'publisher=x'))[0]).toBe(400);
  });
});
