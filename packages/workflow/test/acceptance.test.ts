import { sandboxRequestBundle } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_NUMBER_PATTERN,
  acceptanceNumber,
  acceptanceNumberOf,
  assignIdentifiers,
  defaultFileName,
  earlierAcceptanceNumberOf,
  hospitalCodeOf,
} from '../src/acceptance.ts';
import { claimEntry } from '../src/bundle-index.ts';
import { claimWithItems, errorCode } from './helpers.ts';

// 2026-10-05 23:30 UTC is already 2026-10-06 in Taiwan.
const LATE = new Date(Date.UTC(2026, 9, 5, 23, 30));

describe('acceptance numbers', () => {
  it.each([
    ['0101090517', 1, '202610060101090517000001'],
    ['0131020016', 42, '202610060131020016000042'],
    ['0101090517', 999_999, '202610060101090517999999'],
  ])('numbers hospital %s sequence %i as %s (Taiwan date first)', (hospital, sequence, expected) => {
    const number = acceptanceNumber(hospital, LATE, sequence);
    expect(number).toBe(expected);
    expect(number).toMatch(ACCEPTANCE_NUMBER_PATTERN);
  });

  it.each([
    ['010109051', 1, 'invalid-hospital-code'],
    ['01010905AB', 1, 'invalid-hospital-code'],
    ['0101090517', 0, 'invalid-sequence'],
    ['0101090517', 1_000_000, 'invalid-sequence'],
    ['0101090517', 1.5, 'invalid-sequence'],
  ])('refuses hospital %s with sequence %s as %s', (hospital, sequence, code) => {
    expect(errorCode(() => acceptanceNumber(hospital, LATE, sequence))).toBe(code);
  });

  it('names the original file like the guide example FHR<hospital>_<date><8-digit sequence>.JSON', () => {
    expect(defaultFileName('0101090517', LATE, 7)).toBe('FHR0101090517_2026100600000007.JSON');
  });

  it('finds the hospital code of the Claim provider in a Bundle', () => {
    expect(hospitalCodeOf(sandboxRequestBundle('b-gastric-her2-trastuzumab'))).toBe('0131020016');
  });

  it('sets official and usual identifiers, replaces ones the hospital sent and keeps the secondary one', () => {
    const claim = {
      ...claimWithItems([1]),
      identifier: [
        { use: 'official' as const, value: 'sent-by-hospital' },
        { use: 'usual' as const, value: 'x.json' },
        { use: 'secondary' as const, value: '202609010101090517000003' },
      ],
    };
    const assigned = assignIdentifiers(claim, { hospitalCode: '0101090517', at: LATE, sequence: 12 });
    expect(assigned.identifier).toEqual([
      { use: 'official', value: '202610060101090517000012' },
      { use: 'usual', value: 'FHR0101090517_2026100600000012.JSON' },
      { use: 'secondary', value: '202609010101090517000003' },
    ]);
    expect(acceptanceNumberOf(assigned)).toBe('202610060101090517000012');
    expect(earlierAcceptanceNumberOf(assigned)).toBe('202609010101090517000003');
    expect(claim.identifier[0]?.value).toBe('sent-by-hospital');
  });

  it('uses the uploaded file name when there is one', () => {
    const claim = claimEntry(sandboxRequestBundle('a-nsclc-egfr-osimertinib')).resource;
    const assigned = assignIdentifiers(claim, {
      hospitalCode: '0101090517',
      at: LATE,
      sequence: 1,
      originalFileName: 'A00402117_送核.json',
    });
    expect(assigned.identifier?.[1]).toEqual({ use: 'usual', value: 'A00402117_送核.json' });
  });

  it('refuses a file name with a path in it', () => {
    expect(
      errorCode(() =>
        assignIdentifiers(claimWithItems([1]), {
          hospitalCode: '0101090517',
          at: LATE,
          sequence: 1,
          originalFileName: '../etc/passwd',
        }),
      ),
    ).toBe('invalid-file-name');
  });
});
