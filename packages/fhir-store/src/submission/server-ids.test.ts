import type { Bundle } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { assignServerIds } from './server-ids.ts';

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:claim',
      resource: { resourceType: 'Claim', patient: { reference: 'urn:uuid:patient' } },
    },
    { fullUrl: 'urn:uuid:patient', resource: { resourceType: 'Patient' } },
    {
      fullUrl: 'urn:uuid:lab',
      resource: { resourceType: 'Observation', subject: { reference: 'urn:uuid:patient' } },
    },
  ],
} as unknown as Bundle;

describe('assignServerIds', () => {
  it('gives every entry a new id and rewrites the references between entries', () => {
    const { resources, existingKeys } = assignServerIds(bundle);
    const patient = resources[1];
    expect(patient?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(resources[2]).toMatchObject({ subject: { reference: `Patient/${patient?.id}` } });
    expect(existingKeys.size).toBe(0);
  });

  it('points the references at a record already stored, and names it as not to be created', () => {
    const { resources, existingKeys, byFullUrl } = assignServerIds(bundle, new Map([[1, 'chart-patient']]));
    expect(resources[1]?.id).toBe('chart-patient');
    expect(resources[0]).toMatchObject({ patient: { reference: 'Patient/chart-patient' } });
    expect(resources[2]).toMatchObject({ subject: { reference: 'Patient/chart-patient' } });
    expect(byFullUrl.get('urn:uuid:patient')).toBe('Patient/chart-patient');
    expect([...existingKeys]).toEqual(['Patient/chart-patient']);
  });
});
