/**
 * The states of a prior-authorization case: the TWPAS 案件受理狀態 codes (nhi-acceptance-status) carried
 * in `ClaimResponse.disposition`, each with the `outcome` the guide pairs it with.
 */
import { type ClaimResponseOutcome, DISPOSITIONS, type DispositionCode } from '@openpas/fhir-model/browser';

/** A case status: one of the 15 nhi-acceptance-status codes. */
export type Status = DispositionCode;

export const STATUSES = Object.keys(DISPOSITIONS) as Status[];

/** 待處理: received, nothing done yet. */
export const RECEIVED = '待處理' satisfies Status;

/** 處理中 and its three refinements. */
export const PROCESSING_STATUSES = [
  '處理中',
  '處理中(等待附件檔)',
  '處理中(檔案檢核中)',
  '處理中(等待檢查申報資料)',
] as const satisfies readonly Status[];

/** The failures (outcome error). Only 申請檔案未備齊 can be reopened, by a resubmission. */
export const FAILURE_STATUSES = [
  '資料檢核失敗',
  '檔案傳送失敗',
  '附件檔轉檔失敗',
  '影像檔轉檔失敗',
  '電子病歷檔轉檔失敗',
  '申請檔案檢核失敗',
  '申請檔案未備齊',
] as const satisfies readonly Status[];

export const ACCEPTED = '已受理' satisfies Status;
export const UNDER_REVIEW = '審查中' satisfies Status;
export const REVIEW_FINISHED = '審畢結果' satisfies Status;
export const INCOMPLETE = '申請檔案未備齊' satisfies Status;

export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];
export type FailureStatus = (typeof FAILURE_STATUSES)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && Object.hasOwn(DISPOSITIONS, value);
}

export function isProcessing(status: Status): status is ProcessingStatus {
  return (PROCESSING_STATUSES as readonly Status[]).includes(status);
}

export function isFailure(status: Status): status is FailureStatus {
  return (FAILURE_STATUSES as readonly Status[]).includes(status);
}

/** The `ClaimResponse.outcome` that goes with a status (queued · error · partial · complete). */
export function outcomeOf(status: Status): ClaimResponseOutcome {
  return DISPOSITIONS[status].outcome;
}

/** zh-TW and English labels of a status. */
export function statusLabel(status: Status): { zh: string; en: string } {
  const { zh, en } = DISPOSITIONS[status];
  return { zh, en };
}
