import { describe, expect, it } from 'vitest';
import { extractIndexRows } from './extract.ts';

const response = {
  resourceType: 'ClaimResponse',
  disposition: '審查中',
  extension: [
    {
      url: 'https://openpas.dev/fhir/StructureDefinition/review-due',
      valueDateTime: '2026-10-20T09:00:00+08:00',
    },
    {
      url: 'https://openpas.dev/fhir/StructureDefinition/requested-medication',
      valueCodeableConcept: {
        coding: [{ system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication', code: 'KC00958209' }],
      },
    },
    { url: 'https://example.org/other', valueDateTime: '2030-01-01T00:00:00+08:00' },
  ],
};

const inState = (disposition: string | undefined) => ({ ...response, disposition });

describe('the payer queue’s own search parameters', () => {
  it('index the due date of a case as that second, and only the review-due extension', () => {
    const dates = extractIndexRows(response).dates.filter((row) => row.param === 'review-due');
    expect(dates.map((row) => row.start.toISOString())).toEqual(['2026-10-20T01:00:00.000Z']);
  });

  it('index no due date once the case is decided (or before it is accepted)', () => {
    for (const disposition of ['審畢結果', '待處理', '申請檔案未備齊', undefined]) {
      const dates = extractIndexRows(inState(disposition)).dates.filter((row) => row.param === 'review-due');
      expect(dates, String(disposition)).toEqual([]);
    }
    const accepted = extractIndexRows(inState('已受理')).dates;
    expect(accepted.filter((row) => row.param === 'review-due')).toHaveLength(1);
  });

  it('index each requested drug by system and code', () => {
    const tokens = extractIndexRows(response).tokens.filter((row) => row.param === 'medication');
    expect(tokens).toContainEqual(
      expect.objectContaining({
        system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication',
        code: 'KC00958209',
      }),
    );
  });
});
