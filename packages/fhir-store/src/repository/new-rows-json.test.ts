import type { Resource } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { newResourceRows, newRowsJson } from './resources.ts';

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'http://www.moi.gov.tw', value: 'A123456789' }],
  name: [{ text: '王小明 "Wang"\n' }],
} as Resource;
const bundle = {
  resourceType: 'Bundle',
  id: 'b1',
  type: 'collection',
  entry: [{ fullUrl: 'urn:uuid:1', resource: patient }],
} as Resource;

describe("new resources' rows as JSON text", () => {
  it('is the rows written out, the same text as JSON.stringify gives', () => {
    const { rows } = newResourceRows([patient, bundle], {
      owner: '0b6c6f0e-1f4a-4c1e-9f0e-2f1d3c4b5a69',
      keepId: true,
    });
    expect(newRowsJson(rows)).toBe(JSON.stringify(rows));
    const ownerless = newResourceRows([patient], { owner: null, keepId: true }).rows;
    expect(newRowsJson(ownerless)).toBe(JSON.stringify(ownerless));
  });

  it("takes a resource's content as text already written, and the same rows come out", () => {
    const { rows } = newResourceRows([patient, bundle], { owner: null, keepId: true });
    const bundleText = JSON.stringify(rows.resources[1]?.content, null, 1);
    const json = newRowsJson(rows, [undefined, bundleText]);
    expect(json).toContain(bundleText);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(rows)));
  });
});
