import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { codeSystemCodes, readTsv, twpasBundleRules } from '../testing/shared-twpas.ts';
import { TWPAS_CODE_SYSTEMS } from './code-systems.ts';
import {
  ADJUDICATION_REASONS,
  APPLY_SIDES,
  APPLY_TYPES,
  CONTINUATION_STATUSES,
  type CodeLabel,
  DETAIL_ADJUDICATION_REASONS,
  DISPOSITIONS,
  DRUG_CATEGORIES,
  LINES_OF_THERAPY,
  ORDER_TYPES,
  PDF_TYPES,
  PRIORITIES,
  SUPPORTING_INFO_CATEGORIES,
  TREATMENT_ASSESSMENTS,
} from './codes.ts';
import { PROGRAM_CODES_BY_DRUG } from './program-codes.ts';

function zh(list: Record<string, CodeLabel>): Record<string, string> {
  return Object.fromEntries(Object.entries(list).map(([code, label]) => [code, label.zh]));
}

describe('the disposition list', () => {
  it('pairs each status with its ClaimResponse outcome', () => {
    const byOutcome = (outcome: string) =>
      Object.values(DISPOSITIONS)
        .filter((d) => d.outcome === outcome)
        .map((d) => d.zh);
    expect(byOutcome('queued')).toEqual([
      '待處理',
      '處理中',
      '處理中(等待附件檔)',
      '處理中(檔案檢核中)',
      '處理中(等待檢查申報資料)',
    ]);
    expect(byOutcome('partial')).toEqual(['已受理', '審查中']);
    expect(byOutcome('complete')).toEqual(['審畢結果']);
    expect(byOutcome('error')).toHaveLength(7);
  });
});

describe.skipIf(!sharedAvailable())('the hard-coded code lists', () => {
  const rows = sharedAvailable() ? readTsv('codes.tsv') : [];
  const codes = (system: string) => Object.fromEntries(codeSystemCodes(rows, system));

  it.each([
    ['apply types', APPLY_TYPES, TWPAS_CODE_SYSTEMS.applyType],
    ['priorities', PRIORITIES, TWPAS_CODE_SYSTEMS.tmhbType],
    ['detail adjudication reasons', DETAIL_ADJUDICATION_REASONS, TWPAS_CODE_SYSTEMS.approveComment],
    ['continuation statuses', CONTINUATION_STATUSES, TWPAS_CODE_SYSTEMS.continuationStatus],
    ['lines of therapy', LINES_OF_THERAPY, TWPAS_CODE_SYSTEMS.lineOfTherapy],
    ['order types', ORDER_TYPES, TWPAS_CODE_SYSTEMS.orderType],
    ['apply sides', APPLY_SIDES, TWPAS_CODE_SYSTEMS.applySide],
    ['supporting info categories', SUPPORTING_INFO_CATEGORIES, TWPAS_CODE_SYSTEMS.supportingInfoType],
    ['PDF types', PDF_TYPES, TWPAS_CODE_SYSTEMS.pdfType],
    ['drug categories', DRUG_CATEGORIES, TWPAS_CODE_SYSTEMS.drugCategory],
    ['treatment assessments', TREATMENT_ASSESSMENTS, TWPAS_CODE_SYSTEMS.treatmentAssessment],
  ] as const)('%s are the code system with its Chinese displays', (_name, list, system) => {
    expect(zh(list)).toEqual(codes(system));
  });

  it('dispositions are the acceptance-status codes, which are the Chinese words themselves', () => {
    expect(Object.keys(DISPOSITIONS).sort()).toEqual(
      [...codeSystemCodes(rows, TWPAS_CODE_SYSTEMS.acceptanceStatus).keys()].sort(),
    );
    expect(Object.entries(DISPOSITIONS).filter(([code, label]) => code !== label.zh)).toEqual([]);
  });

  it('item adjudication reasons are the codes of the nhi-approve-claim-comment value set', () => {
    const valueSet = readTsv('valueset-codes.tsv').filter(
      (row) => row.valueset_id === 'nhi-approve-claim-comment',
    );
    expect(Object.keys(ADJUDICATION_REASONS)).toEqual(valueSet.map((row) => row.code));
  });

  it('drug → indication rules are exactly the Bundle-twpas applyReason invariants', () => {
    const { programCodes, unsupported } = twpasBundleRules();
    expect(Object.fromEntries(programCodes.map((rule) => [rule.drug, rule.allowed]))).toEqual(
      PROGRAM_CODES_BY_DRUG,
    );
    expect(programCodes.map((rule) => rule.key)).toEqual(
      Object.keys(PROGRAM_CODES_BY_DRUG).map((_, i) => `applyReason-${i + 1}`),
    );
    // Every invariant of Bundle-twpas that follows a reference is one of these drug rules.
    expect([...unsupported.keys()]).toEqual([]);
  });
});
