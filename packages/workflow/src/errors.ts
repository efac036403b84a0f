/** Why the workflow refused a request: a stable machine code plus the message in zh-TW and English. */
export type WorkflowErrorCode =
  // transitions
  | 'unknown-status'
  | 'same-status'
  | 'illegal-transition'
  | 'resubmission-required'
  | 'decision-required'
  | 'actor-not-allowed'
  | 'invalid-time'
  | 'time-went-backwards'
  // intake and acceptance numbers
  | 'claim-missing'
  | 'hospital-code-missing'
  | 'invalid-hospital-code'
  | 'invalid-sequence'
  | 'invalid-file-name'
  | 'insurer-missing'
  // decisions
  | 'not-under-review'
  | 'invalid-reason'
  | 'unknown-item'
  | 'duplicate-item'
  | 'item-not-decided'
  | 'quantity-required'
  | 'quantity-not-allowed'
  | 'quantity-out-of-range'
  | 'comment-required'
  | 'invalid-detail-reason'
  | 'duplicate-detail'
  | 'unknown-detail'
  | 'detail-under-review'
  // resubmissions
  | 'not-a-resubmission'
  | 'earlier-acceptance-number-missing'
  | 'earlier-acceptance-number-mismatch'
  | 'resubmission-not-allowed';

export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export class WorkflowError extends Error {
  readonly code: WorkflowErrorCode;
  /** Traditional Chinese (zh-TW) message. */
  readonly zh: string;
  /** English message (also `message`). */
  readonly en: string;

  constructor(code: WorkflowErrorCode, text: LocalizedText) {
    super(text.en);
    this.name = 'WorkflowError';
    this.code = code;
    this.zh = text.zh;
    this.en = text.en;
  }
}

export function fail(code: WorkflowErrorCode, zh: string, en: string): never {
  throw new WorkflowError(code, { zh, en });
}
