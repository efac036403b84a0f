import { readdirSync, readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { compileFhirPath, type FhirPathItem } from './fhirpath-adapter.ts';
import { searchableResourceTypes, searchParameters } from './parameters.ts';
import { compileSimplePath, NotSimple } from './simple-path.ts';

type Resource = { resourceType: string } & Record<string, unknown>;

/** JSON with keys in order, so that equal values read alike whatever order their keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The items as the index sees them: each distinct (type, value) once, in order of first appearance
 * (FHIRPath's union drops equal items; the index drops equal rows).
 */
function distinct(items: FhirPathItem[]): string[] {
  return [...new Set(items.map((item) => canonical(item)))];
}

function expressions(): { name: string; expression: string }[] {
  return searchableResourceTypes().flatMap((type) =>
    [...searchParameters(type).values()].map((def) => ({
      name: `${type}.${def.code}`,
      expression: def.expression,
    })),
  );
}

/** Resources written to meet the walk's edge cases: choices, backbones, references of every form. */
const MADE: Resource[] = [
  {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }], text: 'Height' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-01-02T03:04:05+08:00',
    valueQuantity: { value: 170, unit: 'cm', system: 'http://unitsofmeasure.org', code: 'cm' },
    component: [
      { code: { text: 'a' }, valueCodeableConcept: { coding: [{ code: 'x' }], text: 'X' } },
      { code: { text: 'b' }, valueQuantity: { value: 1.5 } },
      { code: { text: 'c' }, valueString: 'free text' },
    ],
    performer: [
      { reference: 'https://example.org/fhir/Practitioner/pr1/_history/2' },
      { display: 'no reference' },
    ],
  },
  {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'period' },
    subject: { reference: 'Group/g1' },
    effectivePeriod: { start: '2026-01-01', end: '2026-01-31' },
    valueString: 'text',
  },
  {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:x', value: 'A123' }, { value: 'B' }],
    name: [{ family: '王', given: ['小明', 'Xiao'], text: '王小明' }],
    telecom: [
      { system: 'phone', value: '02-1234' },
      { system: 'email', value: 'a@example.org' },
    ],
    gender: 'male',
    birthDate: '1970-01-01',
    deceasedDateTime: '2020-02-02',
    address: [{ city: '臺北市', line: ['一段'], postalCode: '100' }],
    generalPractitioner: [{ reference: 'Organization/o1' }, { reference: 'urn:uuid:1234' }],
  },
  {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: 'urn:nhi', code: 'K000' }] },
    subject: { reference: 'Patient/p1/_history/3' },
    authoredOn: '2026-03-04',
  },
  {
    resourceType: 'Specimen',
    collection: { collectedPeriod: { start: '2026-01-01', end: '2026-01-02' } },
  },
  { resourceType: 'Procedure', status: 'completed', performedString: 'last week' },
  {
    resourceType: 'Practitioner',
    telecom: [{ system: 'email', value: 'dr@example.org' }, { value: 'no system' }, { system: 'phone' }],
  },
  {
    resourceType: 'Claim',
    extension: [
      { url: 'https://example.org/other', valueReference: { reference: 'Encounter/other' } },
      {
        url: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claim-encounter',
        valueReference: { reference: 'Encounter/e9' },
      },
    ],
    status: 'active',
    use: 'preauthorization',
    patient: { reference: 'Patient/p1' },
    created: '2026-03-04T05:06:07Z',
    item: [
      {
        sequence: 1,
        productOrService: { coding: [{ code: 'P1' }] },
        encounter: [{ reference: 'Encounter/e1' }],
      },
    ],
    insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/c1' } }],
  },
];

/** A primitive with an extension, a null in an array: the walk leaves these to FHIRPath. */
const LEFT_TO_FHIRPATH: Resource[] = [
  {
    resourceType: 'Patient',
    _birthDate: { extension: [{ url: 'https://example.org/x', valueString: 'y' }] },
  },
  { resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' } },
  { resourceType: 'Patient', name: [null, { family: 'Lee' }] },
  { resourceType: 'Patient', telecom: [{ system: 'phone', _system: { id: 's' }, value: '1' }] },
  { resourceType: 'Observation', effectiveDateTime: '2026', _effectiveDateTime: { id: 'e' } },
];

function corpus(): Resource[] {
  const resources = [...MADE, ...LEFT_TO_FHIRPATH];
  if (!sharedAvailable()) return resources;
  for (const file of readdirSync(sharedPath('twpas', 'examples'))) {
    const resource = JSON.parse(readFileSync(sharedPath('twpas', 'examples', file), 'utf8')) as Resource;
    resources.push(resource);
    for (const entry of (resource.entry as { resource?: Resource }[] | undefined) ?? [])
      if (entry.resource) resources.push(entry.resource);
  }
  return resources;
}

describe('the plain-path walk', () => {
  it('takes most search parameters, and leaves the rest to FHIRPath', () => {
    const all = expressions();
    const simple = all.filter(({ expression }) => compileSimplePath(expression));
    expect(simple.length / all.length).toBeGreaterThan(0.85);
    expect(compileSimplePath("Patient.telecom.where(system='phone')")).toBeDefined();
    // where() compares a text field of the element, once; anything else is FHIRPath's.
    expect(compileSimplePath("Patient.telecom.where(period = 'x')")).toBeUndefined();
    expect(compileSimplePath("Patient.telecom.where(system='phone').where(use='home')")).toBeUndefined();
    expect(compileSimplePath("Patient.telecom.where(system!='phone')")).toBeUndefined();
    expect(compileSimplePath('Patient.deceased.exists() and Patient.deceased != false')).toBeUndefined();
    // A choice left open only as the last step, and an ofType() only of a type the element allows.
    expect(compileSimplePath('Observation.value')).toBeDefined();
    expect(compileSimplePath('Observation.value.ofType(HumanName)')).toBeUndefined();
    expect(compileSimplePath('Observation.component.value.code')).toBeUndefined();
    // Not every resource is a DomainResource (Bundle, Binary): FHIRPath's type test decides.
    expect(compileSimplePath('DomainResource.text')).toBeUndefined();
  });

  it('answers as FHIRPath for every search parameter on every resource it can walk', () => {
    const resources = corpus();
    let compared = 0;
    let leftToFhirPath = 0;
    const differing: string[] = [];
    for (const { name, expression } of expressions()) {
      const simple = compileSimplePath(expression);
      if (!simple) continue;
      const fhirPath = compileFhirPath(expression);
      for (const resource of resources) {
        let walked: FhirPathItem[];
        try {
          walked = simple(resource);
        } catch (error) {
          if (!(error instanceof NotSimple)) throw error;
          leftToFhirPath++;
          continue;
        }
        compared++;
        const expected = distinct(fhirPath(resource));
        if (JSON.stringify(distinct(walked)) !== JSON.stringify(expected) && differing.length < 5)
          differing.push(
            `${name} on ${resource.resourceType}: ${JSON.stringify(distinct(walked))} ≠ ${JSON.stringify(expected)}`,
          );
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    expect(leftToFhirPath).toBeGreaterThan(0);
  });

  it('leaves a resource to FHIRPath where a primitive carries an extension or an array a null', () => {
    const birthdate = compileSimplePath('Patient.birthDate');
    const name = compileSimplePath('Patient.name');
    expect(() => birthdate?.(LEFT_TO_FHIRPATH[0] as Resource)).toThrow(NotSimple);
    expect(() => name?.(LEFT_TO_FHIRPATH[2] as Resource)).toThrow(NotSimple);
    expect(birthdate?.({ resourceType: 'Patient', birthDate: '1970-01-01' })).toEqual([
      { type: 'date', value: '1970-01-01' },
    ]);
    // Another type's path gives nothing; Resource's paths hold for every type.
    expect(birthdate?.({ resourceType: 'Practitioner', birthDate: '1970-01-01' })).toEqual([]);
    expect(compileSimplePath('Resource.id')?.({ resourceType: 'Claim', id: 'c1' })).toEqual([
      { type: 'string', value: 'c1' },
    ]);
  });

  it("reads a choice left open, and keeps only the items a where(field = 'text') names", () => {
    const effective = compileSimplePath('Observation.effective');
    expect(effective?.({ resourceType: 'Observation', effectivePeriod: { start: '2026' } })).toEqual([
      { type: 'Period', value: { start: '2026' } },
    ]);
    expect(effective?.({ resourceType: 'Observation', effectiveDateTime: '2026' })).toEqual([
      { type: 'dateTime', value: '2026' },
    ]);
    const [, , , filtered, openChoice] = LEFT_TO_FHIRPATH;
    expect(() => effective?.(openChoice as Resource)).toThrow(NotSimple);
    const phone = compileSimplePath("Patient.telecom.where(system='phone')");
    expect(() => phone?.(filtered as Resource)).toThrow(NotSimple);
    expect(
      phone?.({
        resourceType: 'Patient',
        telecom: [
          { system: 'email', value: 'a' },
          { system: 'phone', value: '1' },
        ],
      }),
    ).toEqual([{ type: 'ContactPoint', value: { system: 'phone', value: '1' } }]);
    const encounter = compileSimplePath(
      "Claim.extension.where(url = 'https://example.org/a.b').value.ofType(Reference)",
    );
    expect(
      encounter?.({
        resourceType: 'Claim',
        extension: [
          { url: 'https://example.org/other', valueReference: { reference: 'Encounter/1' } },
          { url: 'https://example.org/a.b', valueReference: { reference: 'Encounter/2' } },
        ],
      }),
    ).toEqual([{ type: 'Reference', value: { reference: 'Encounter/2' } }]);
  });

  it('keeps only the references to the type a where(resolve() is …) names', () => {
    const patient = compileSimplePath('Observation.subject.where(resolve() is Patient)');
    const of = (reference: string) => patient?.({ resourceType: 'Observation', subject: { reference } });
    expect(of('Patient/p1')).toHaveLength(1);
    expect(of('https://example.org/fhir/Patient/p1/_history/2')).toHaveLength(1);
    expect(of('Group/g1')).toEqual([]);
    expect(of('Patient/p1/extra')).toEqual([]);
  });
});
