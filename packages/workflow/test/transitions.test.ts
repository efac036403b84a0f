import { describe, expect, it } from 'vitest';
import { readHistory, STATUS_HISTORY_EXTENSION } from '../src/history.ts';
import { STATUSES, type Status } from '../src/states.ts';
import { allowedTransitions, receive, transition } from '../src/transitions.ts';
import { caseIn, errorCode, HOSPITAL, REFS, REVIEWER_ACTOR, SYSTEM, t } from './helpers.ts';

const PROCESSING: Status[] = [
  '處理中',
  '處理中(等待附件檔)',
  '處理中(檔案檢核中)',
  '處理中(等待檢查申報資料)',
];
const FAILURES: Status[] = [
  '資料檢核失敗',
  '檔案傳送失敗',
  '附件檔轉檔失敗',
  '影像檔轉檔失敗',
  '電子病歷檔轉檔失敗',
  '申請檔案檢核失敗',
  '申請檔案未備齊',
];
const OUTCOME: Record<Status, string> = {
  待處理: 'queued',
  處理中: 'queued',
  '處理中(等待附件檔)': 'queued',
  '處理中(檔案檢核中)': 'queued',
  '處理中(等待檢查申報資料)': 'queued',
  資料檢核失敗: 'error',
  檔案傳送失敗: 'error',
  附件檔轉檔失敗: 'error',
  影像檔轉檔失敗: 'error',
  電子病歷檔轉檔失敗: 'error',
  申請檔案檢核失敗: 'error',
  申請檔案未備齊: 'error',
  已受理: 'partial',
  審查中: 'partial',
  審畢結果: 'complete',
};

type Row = [from: Status, to: Status, action: string, actor: 'system' | 'reviewer'];
const LEGAL: Row[] = [
  ...PROCESSING.map((to): Row => ['待處理', to, 'start-processing', 'system']),
  ...FAILURES.map((to): Row => ['待處理', to, 'fail', 'system']),
  ...PROCESSING.flatMap((from) =>
    PROCESSING.filter((to) => to !== from).map((to): Row => [from, to, 'update-processing', 'system']),
  ),
  ...PROCESSING.flatMap((from) => FAILURES.map((to): Row => [from, to, 'fail', 'system'])),
  ...PROCESSING.map((from): Row => [from, '已受理', 'accept', 'system']),
  ['處理中', '已受理', 'accept', 'reviewer'],
  ['已受理', '審查中', 'start-review', 'reviewer'],
];

describe('the state machine', () => {
  it('knows the 15 TWPAS statuses', () => {
    expect(STATUSES).toHaveLength(15);
  });

  it('opens a case in 待處理 / queued with its first history entry', () => {
    const { claimResponse, audit } = receive(REFS, t(0), SYSTEM);
    expect(claimResponse.disposition).toBe('待處理');
    expect(claimResponse.outcome).toBe('queued');
    expect(claimResponse.created).toBe('2026-10-05T09:00:00+08:00');
    expect(audit).toEqual({
      action: 'receive',
      from: null,
      to: '待處理',
      at: '2026-10-05T09:00:00+08:00',
      actor: SYSTEM,
    });
    expect(readHistory(claimResponse)).toEqual([audit]);
  });

  it.each(LEGAL)('moves %s → %s as %s (by a %s)', (from, to, action, kind) => {
    const current = caseIn(from);
    const actor = kind === 'system' ? SYSTEM : REVIEWER_ACTOR;
    const before = readHistory(current).length;
    const { claimResponse, audit } = transition(current, to, t(100), actor, 'why');
    expect(claimResponse.disposition).toBe(to);
    expect(claimResponse.outcome).toBe(OUTCOME[to]);
    expect(claimResponse.created).toBe('2026-10-05T10:40:00+08:00');
    expect(audit).toEqual({ action, from, to, at: '2026-10-05T10:40:00+08:00', actor, reason: 'why' });
    const history = readHistory(claimResponse);
    expect(history).toHaveLength(before + 1);
    expect(history.at(-1)).toEqual(audit);
    expect(current.disposition).toBe(from);
  });

  it.each([
    ['待處理', 11],
    ['處理中', 11],
    ['處理中(檔案檢核中)', 11],
    ['已受理', 1],
    ['審查中', 1],
    ['審畢結果', 1],
    ['申請檔案未備齊', 1],
    ['資料檢核失敗', 0],
    ['影像檔轉檔失敗', 0],
  ] as [Status, number][])('allows %s exactly %i next statuses', (from, count) => {
    expect(allowedTransitions(from)).toHaveLength(count);
  });

  it.each([
    ['待處理', '已受理', SYSTEM, 'illegal-transition'],
    ['待處理', '審查中', REVIEWER_ACTOR, 'illegal-transition'],
    ['處理中', '審查中', REVIEWER_ACTOR, 'illegal-transition'],
    ['處理中', '審畢結果', REVIEWER_ACTOR, 'illegal-transition'],
    ['已受理', '審畢結果', REVIEWER_ACTOR, 'illegal-transition'],
    ['已受理', '處理中', SYSTEM, 'illegal-transition'],
    ['已受理', '申請檔案未備齊', SYSTEM, 'illegal-transition'],
    ['審查中', '已受理', REVIEWER_ACTOR, 'illegal-transition'],
    ['審查中', '審畢結果', REVIEWER_ACTOR, 'decision-required'],
    ['審畢結果', '處理中', HOSPITAL, 'resubmission-required'],
    ['審畢結果', '審查中', REVIEWER_ACTOR, 'illegal-transition'],
    ['申請檔案未備齊', '處理中', HOSPITAL, 'resubmission-required'],
    ['申請檔案未備齊', '已受理', SYSTEM, 'illegal-transition'],
    ['資料檢核失敗', '處理中', SYSTEM, 'illegal-transition'],
    ['檔案傳送失敗', '申請檔案未備齊', SYSTEM, 'illegal-transition'],
    ['處理中', '處理中', SYSTEM, 'same-status'],
    ['處理中', '已受理', HOSPITAL, 'actor-not-allowed'],
    ['待處理', '處理中', REVIEWER_ACTOR, 'actor-not-allowed'],
    ['已受理', '審查中', SYSTEM, 'actor-not-allowed'],
  ] as const)('refuses %s → %s by %o with %s', (from, to, actor, code) => {
    expect(errorCode(() => transition(caseIn(from), to, t(100), actor))).toBe(code);
  });

  it('refuses a status that is not a TWPAS code', () => {
    expect(errorCode(() => transition(caseIn('處理中'), '完成' as Status, t(100), SYSTEM))).toBe(
      'unknown-status',
    );
  });

  it('refuses a ClaimResponse whose disposition is not a TWPAS code', () => {
    const odd = { ...caseIn('處理中'), disposition: 'done' };
    expect(errorCode(() => transition(odd, '已受理', t(100), SYSTEM))).toBe('unknown-status');
  });

  it('refuses a change dated before the last one', () => {
    expect(errorCode(() => transition(caseIn('處理中'), '已受理', t(0), SYSTEM))).toBe('time-went-backwards');
  });

  it('refuses an invalid date', () => {
    expect(errorCode(() => transition(caseIn('處理中'), '已受理', new Date(Number.NaN), SYSTEM))).toBe(
      'invalid-time',
    );
  });

  it('gives the error message in Traditional Chinese and English', () => {
    try {
      transition(caseIn('待處理'), '已受理', t(100), SYSTEM);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        name: 'WorkflowError',
        code: 'illegal-transition',
        zh: '案件不能從「待處理」改為「已受理」',
        en: 'a case cannot move from 待處理 (Waiting) to 已受理 (Accepted)',
        message: 'a case cannot move from 待處理 (Waiting) to 已受理 (Accepted)',
      });
    }
  });

  it('keeps outcome consistent with disposition and created at the last change along a whole path', () => {
    const path: Status[] = ['處理中', '處理中(等待附件檔)', '處理中(檔案檢核中)', '已受理'];
    let response = receive(REFS, t(0), SYSTEM).claimResponse;
    path.forEach((to, i) => {
      response = transition(response, to, t(i + 1), SYSTEM).claimResponse;
      expect(response.outcome).toBe(OUTCOME[to]);
      expect(response.created).toBe(`2026-10-05T09:0${i + 1}:00+08:00`);
    });
    expect(readHistory(response).map((h) => [h.from, h.to, h.at])).toEqual([
      [null, '待處理', '2026-10-05T09:00:00+08:00'],
      ['待處理', '處理中', '2026-10-05T09:01:00+08:00'],
      ['處理中', '處理中(等待附件檔)', '2026-10-05T09:02:00+08:00'],
      ['處理中(等待附件檔)', '處理中(檔案檢核中)', '2026-10-05T09:03:00+08:00'],
      ['處理中(檔案檢核中)', '已受理', '2026-10-05T09:04:00+08:00'],
    ]);
    expect(response.extension?.filter((e) => e.url === STATUS_HISTORY_EXTENSION)).toHaveLength(5);
  });

  it('writes the history entry as a complex extension', () => {
    const { claimResponse } = transition(caseIn('待處理'), '處理中', t(5), SYSTEM, '開始處理');
    expect(claimResponse.extension?.at(-1)).toEqual({
      url: 'https://openpas.dev/fhir/StructureDefinition/status-history',
      extension: [
        { url: 'action', valueCode: 'start-processing' },
        { url: 'from', valueString: '待處理' },
        { url: 'to', valueString: '處理中' },
        { url: 'at', valueDateTime: '2026-10-05T09:05:00+08:00' },
        { url: 'actorKind', valueCode: 'system' },
        { url: 'actorId', valueString: 'intake' },
        { url: 'reason', valueString: '開始處理' },
      ],
    });
  });
});
