import { type Claim, type ClaimResponse, TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { decide, type ItemReason } from '../src/decide.ts';
import { readHistory } from '../src/history.ts';
import { checkResubmission, linkResubmission } from '../src/resubmission.ts';
import type { Status } from '../src/states.ts';
import { caseIn, claimWithItems, errorCode, HOSPITAL, REVIEWER, SYSTEM, t } from './helpers.ts';

const EARLIER_NUMBER = '202610050101090517000001';
const NEW_NUMBER = '202610200101090517000009';

function claimOf(subType: string, identifiers: Claim['identifier']): Claim {
  return {
    ...claimWithItems([10]),
    subType: { coding: [{ system: TWPAS_CODE_SYSTEMS.applyType, code: subType }] },
    identifier: identifiers ?? [],
  };
}

function earlierCase(
  subType: string,
  status: Status,
  reason?: ItemReason,
): { claim: Claim; claimResponse: ClaimResponse } {
  const claim = claimOf(subType, [{ use: 'official', value: EARLIER_NUMBER }]);
  if (reason === undefined) return { claim, claimResponse: caseIn(status, claim) };
  const claimResponse = decide(caseIn('審查中', claim), claim, {
    reviewer: REVIEWER,
    at: t(50),
    items: [
      {
        sequence: 1,
        reason,
        ...(reason === 3 ? { approvedQuantity: 5 } : {}),
        ...(reason === 1 ? {} : { comment: '意見' }),
      },
    ],
  }).claimResponse;
  return { claim, claimResponse };
}

function resubmission(subType: string): Claim {
  return claimOf(subType, [
    { use: 'official', value: NEW_NUMBER },
    { use: 'secondary', value: EARLIER_NUMBER },
  ]);
}

describe('which resubmission may follow which case', () => {
  it.each([
    ['2', '1', '申請檔案未備齊', undefined],
    ['2', '1', '審畢結果', 4],
    ['2', '2', '審畢結果', 4],
    ['3', '1', '審畢結果', 2],
    ['3', '1', '審畢結果', 3],
    ['3', '2', '審畢結果', 2],
    ['4', '3', '審畢結果', 2],
    ['4', '5', '審畢結果', 3],
    ['5', '3', '審畢結果', 4],
    ['5', '3', '申請檔案未備齊', undefined],
  ] as const)(
    'allows subType %s after a subType %s case in %s (item reason %s)',
    (type, earlierType, status, reason) => {
      expect(checkResubmission(resubmission(type), earlierCase(earlierType, status, reason))).toBe(type);
    },
  );

  it.each([
    ['2', '1', '審畢結果', 1],
    ['2', '1', '審畢結果', 2],
    ['2', '1', '審查中', undefined],
    ['2', '1', '資料檢核失敗', undefined],
    ['2', '3', '審畢結果', 4],
    ['3', '1', '審畢結果', 1],
    ['3', '1', '審畢結果', 4],
    ['3', '1', '審畢結果', 5],
    ['3', '1', '已受理', undefined],
    ['3', '3', '審畢結果', 2],
    ['4', '1', '審畢結果', 2],
    ['5', '1', '審畢結果', 4],
  ] as const)(
    'refuses subType %s after a subType %s case in %s (item reason %s)',
    (type, earlierType, status, reason) => {
      expect(
        errorCode(() => checkResubmission(resubmission(type), earlierCase(earlierType, status, reason))),
      ).toBe('resubmission-not-allowed');
    },
  );

  it.each([
    ['an initial submission', claimOf('1', []), 'not-a-resubmission'],
    ['no subType', { ...claimWithItems([1]) }, 'not-a-resubmission'],
    [
      'no earlier acceptance number',
      claimOf('2', [{ use: 'official', value: NEW_NUMBER }]),
      'earlier-acceptance-number-missing',
    ],
    [
      'another case’s acceptance number',
      claimOf('2', [{ use: 'secondary', value: '202601010101090517000001' }]),
      'earlier-acceptance-number-mismatch',
    ],
  ])('refuses %s with %s', (_what, claim, code) => {
    expect(errorCode(() => checkResubmission(claim, earlierCase('1', '申請檔案未備齊')))).toBe(code);
  });
});

describe('linking a resubmission', () => {
  it('reopens the earlier case to 處理中, drops its decision and records the link', () => {
    const earlier = earlierCase('1', '審畢結果', 2);
    const { claimResponse, audit } = linkResubmission(resubmission('3'), earlier, t(200), HOSPITAL, {
      request: 'urn:uuid:99999999-0000-4000-8000-000000000000',
    });
    expect([claimResponse.disposition, claimResponse.outcome, claimResponse.created]).toEqual([
      '處理中',
      'queued',
      '2026-10-05T12:20:00+08:00',
    ]);
    expect(claimResponse.item).toBeUndefined();
    expect(claimResponse.request).toEqual({ reference: 'urn:uuid:99999999-0000-4000-8000-000000000000' });
    expect(audit).toEqual({
      action: 'reopen',
      from: '審畢結果',
      to: '處理中',
      at: '2026-10-05T12:20:00+08:00',
      actor: HOSPITAL,
      reason: `申復 ${NEW_NUMBER}`,
      resubmission: NEW_NUMBER,
    });
    expect(readHistory(claimResponse).at(-1)).toEqual(audit);
    expect(earlier.claimResponse.disposition).toBe('審畢結果');
  });

  it('lets only the hospital reopen a case', () => {
    expect(
      errorCode(() => linkResubmission(resubmission('3'), earlierCase('1', '審畢結果', 2), t(200), SYSTEM)),
    ).toBe('actor-not-allowed');
  });
});
