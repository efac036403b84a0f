import { readdirSync, readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { compileFhirPath } from './fhirpath-adapter.ts';
import {
  STORE_COLUMN_PARAMETERS,
  searchableResourceTypes,
  searchParameter,
  searchParameters,
  TWPAS_DEVIATIONS,
} from './parameters.ts';
import { SPECIAL_PARAMETERS } from './parameters-twpas.ts';

const ALL_DEFS = searchableResourceTypes().flatMap((type) => [...searchParameters(type).values()]);

describe('the registry', () => {
  it.each([
    ['Bundle', ['identifier', 'type', 'timestamp']],
    [
      'Claim',
      ['identifier', 'id', 'patient', 'func-type', 'created', 'status', 'use', 'provider', 'encounter'],
    ],
    [
      'ClaimResponse',
      [
        'identifier',
        'patient',
        'request',
        'requestor',
        'disposition',
        'adjudication-reason',
        'created',
        'outcome',
      ],
    ],
    [
      'Patient',
      ['identifier', 'name', 'family', 'given', 'birthdate', 'gender', 'telecom', 'address', 'organization'],
    ],
    ['Practitioner', ['identifier', 'name', 'family', 'given', 'telecom']],
    ['Organization', ['identifier', 'name', 'type', 'partof']],
    [
      'Encounter',
      ['identifier', 'patient', 'subject', 'status', 'class', 'date', 'service-type', 'service-provider'],
    ],
    ['Coverage', ['identifier', 'patient', 'beneficiary', 'payor', 'status', 'type']],
    [
      'Condition',
      ['identifier', 'patient', 'subject', 'code', 'category', 'clinical-status', 'encounter', 'onset-date'],
    ],
    [
      'Observation',
      ['identifier', 'patient', 'subject', 'code', 'category', 'status', 'date', 'value-quantity'],
    ],
    [
      'MedicationRequest',
      ['identifier', 'patient', 'code', 'medication', 'status', 'intent', 'authoredon', 'encounter'],
    ],
    ['DiagnosticReport', ['identifier', 'patient', 'code', 'category', 'status', 'date', 'result']],
    [
      'DocumentReference',
      ['identifier', 'patient', 'type', 'category', 'status', 'date', 'encounter', 'contenttype'],
    ],
    ['ImagingStudy', ['identifier', 'patient', 'started', 'status', 'modality', 'series']],
    ['Media', ['identifier', 'patient', 'created', 'status', 'type', 'modality']],
    ['Specimen', ['identifier', 'accession', 'patient', 'type', 'status', 'collected']],
    ['Procedure', ['identifier', 'patient', 'code', 'category', 'status', 'date', 'encounter']],
    ['Substance', ['identifier', 'code', 'category', 'status', 'quantity']],
    ['AllergyIntolerance', ['identifier', 'patient', 'code', 'clinical-status', 'date']],
    ['Composition', ['identifier', 'patient', 'type', 'category', 'status', 'date', 'title', 'entry']],
    ['AuditEvent', ['date', 'type', 'subtype', 'action', 'outcome', 'agent', 'entity', 'patient']],
  ])('gives %s the parameters clients use', (type, codes) => {
    expect([...searchParameters(type).keys()]).toEqual(expect.arrayContaining(codes));
  });

  it('keys each type’s parameters by their code and names the type in each definition', () => {
    for (const type of searchableResourceTypes()) {
      for (const [code, def] of searchParameters(type)) {
        expect({ code: def.code, resourceType: def.resourceType }).toEqual({ code, resourceType: type });
      }
    }
  });

  it('has expressions that start at the resource type and compile', () => {
    for (const def of ALL_DEFS) {
      expect(def.expression, `${def.resourceType}.${def.code}`).toMatch(
        new RegExp(`^\\(?${def.resourceType}\\.`),
      );
      expect(() => compileFhirPath(def.expression), `${def.resourceType}.${def.code}`).not.toThrow();
    }
  });

  it('holds no parameter answered from the resource table’s columns', () => {
    const codes = ALL_DEFS.map((def) => def.code);
    for (const column of [...STORE_COLUMN_PARAMETERS, ...SPECIAL_PARAMETERS])
      expect(codes).not.toContain(column);
  });

  it('keeps the same code on different types as different definitions', () => {
    expect(searchParameter('Claim', 'patient')?.expression).toBe('Claim.patient');
    expect(searchParameter('Encounter', 'patient')?.expression).toBe(
      'Encounter.subject.where(resolve() is Patient)',
    );
    expect(searchParameter('ClaimResponse', 'created')?.source).toBe('twpas');
    expect(searchParameter('Claim', 'created')?.source).toBe('r4');
  });

  it('sets the targets of the reference parameters the TWPAS chains go through', () => {
    expect(
      ['ClaimResponse.request', 'ClaimResponse.requestor', 'Claim.patient', 'Claim.func-type'].map((name) => {
        const [type = '', code = ''] = name.split('.');
        return [name, searchParameter(type, code)?.targets];
      }),
    ).toEqual([
      ['ClaimResponse.request', ['Claim']],
      ['ClaimResponse.requestor', ['Organization']],
      ['Claim.patient', ['Patient']],
      ['Claim.func-type', ['Encounter']],
    ]);
  });

  it('answers undefined and an empty map for what it does not know', () => {
    expect([searchParameter('Claim', 'nonsense'), searchParameter('Nonsense', 'identifier')]).toEqual([
      undefined,
      undefined,
    ]);
    expect(searchParameters('Nonsense').size).toBe(0);
  });
});

interface GuideSearchParameter {
  id: string;
  code: string;
  base: string[];
  type: string;
  expression?: string;
}

function guideSearchParameters(): GuideSearchParameter[] {
  const dir = sharedPath('twpas', 'definitions');
  return readdirSync(dir)
    .filter((file) => file.startsWith('SearchParameter-') && file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as GuideSearchParameter);
}

describe.skipIf(!sharedAvailable())('agreement with the TWPAS guide’s SearchParameter definitions', () => {
  const guide = guideSearchParameters();
  const deviations = new Map(TWPAS_DEVIATIONS.map((d) => [d.id, d]));

  it('reads all sixteen definitions', () => {
    expect(guide).toHaveLength(16);
  });

  it.each(guide.map((sp) => [sp.id, sp] as const))('%s has a matching definition', (_id, sp) => {
    if (STORE_COLUMN_PARAMETERS.includes(sp.code) || SPECIAL_PARAMETERS.includes(sp.code)) {
      for (const base of sp.base) expect(searchParameter(base, sp.code)).toBeUndefined();
      return;
    }
    for (const base of sp.base) {
      const def = searchParameter(base, sp.code);
      const expected = { code: sp.code, resourceType: base, type: sp.type, source: 'twpas' };
      expect(def).toMatchObject(expected);
      if (deviations.has(sp.id)) expect(def?.expression).not.toBe(sp.expression);
      else expect(def?.expression).toBe(sp.expression);
    }
  });

  it('records a reason for every deviation, and only for definitions of the guide', () => {
    const ids = new Set(guide.map((sp) => sp.id));
    for (const deviation of TWPAS_DEVIATIONS) {
      expect(ids.has(deviation.id), deviation.id).toBe(true);
      expect(deviation.reason.length).toBeGreaterThan(20);
    }
  });
});
