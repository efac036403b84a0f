/**
 * The workflow as an explicit state machine over `ClaimResponse.disposition` (+ `outcome`). Every change
 * sets `created` (TWPAS: the date of the last status change), appends a status-history extension entry
 * and yields the audit record the caller stores in the same transaction.
 */
import {
  buildQueuedClaimResponse,
  type ClaimResponse,
  type ClaimResponseRefs,
} from '@openpas/fhir-model/browser';
import type { Actor, ActorKind } from './actor.ts';
import { withReviewDue } from './case-facts.ts';
import { fail } from './errors.ts';
import { historyExtension, type StatusChange, type TransitionAction } from './history.ts';
import {
  ACCEPTED,
  FAILURE_STATUSES,
  INCOMPLETE,
  isStatus,
  outcomeOf,
  PROCESSING_STATUSES,
  RECEIVED,
  REVIEW_FINISHED,
  type Status,
  statusLabel,
  UNDER_REVIEW,
} from './states.ts';
import { fhirDateTime, fhirTime } from './time.ts';

export interface TransitionRule {
  readonly from: readonly Status[];
  readonly to: readonly Status[];
  readonly action: TransitionAction;
  /** Who may cause it. */
  readonly actors: readonly ActorKind[];
  /** Only through `decide` (a reviewer's decision) or `linkResubmission` (a resubmission linking here). */
  readonly via?: 'decision' | 'resubmission';
}

/** Every allowed move. Anything not listed is refused. */
export const TRANSITION_RULES: readonly TransitionRule[] = [
  { from: [RECEIVED], to: PROCESSING_STATUSES, action: 'start-processing', actors: ['system'] },
  { from: PROCESSING_STATUSES, to: PROCESSING_STATUSES, action: 'update-processing', actors: ['system'] },
  { from: [RECEIVED, ...PROCESSING_STATUSES], to: FAILURE_STATUSES, action: 'fail', actors: ['system'] },
  { from: PROCESSING_STATUSES, to: [ACCEPTED], action: 'accept', actors: ['system', 'reviewer'] },
  { from: [ACCEPTED], to: [UNDER_REVIEW], action: 'start-review', actors: ['reviewer'] },
  { from: [UNDER_REVIEW], to: [REVIEW_FINISHED], action: 'decide', actors: ['reviewer'], via: 'decision' },
  {
    from: [REVIEW_FINISHED, INCOMPLETE],
    to: ['處理中'],
    action: 'reopen',
    actors: ['hospital'],
    via: 'resubmission',
  },
];

export function findRule(from: Status, to: Status): TransitionRule | undefined {
  if (from === to) return undefined;
  return TRANSITION_RULES.find((rule) => rule.from.includes(from) && rule.to.includes(to));
}

/** Every status reachable from `from` in one step, with the action. */
export function allowedTransitions(from: Status): { to: Status; action: TransitionAction }[] {
  return TRANSITION_RULES.flatMap((rule) =>
    rule.from.includes(from)
      ? rule.to.filter((to) => to !== from).map((to) => ({ to, action: rule.action }))
      : [],
  );
}

export interface TransitionResult {
  readonly claimResponse: ClaimResponse;
  /** Store it in the same transaction as the ClaimResponse. */
  readonly audit: StatusChange;
}

export function currentStatus(response: ClaimResponse): Status {
  const status = response.disposition;
  if (!isStatus(status)) {
    fail(
      'unknown-status',
      `案件受理狀態「${status ?? ''}」不是 nhi-acceptance-status 的代碼`,
      `the case status "${status ?? ''}" is not an nhi-acceptance-status code`,
    );
  }
  return status;
}

/** What decide.ts and resubmission.ts pass to reach the moves reserved to them. */
export interface TransitionExtras {
  readonly via?: 'decision' | 'resubmission';
  readonly resubmission?: string;
}

function label(status: Status): string {
  return `${status} (${statusLabel(status).en})`;
}

/** The shared implementation; `transition` below refuses the moves reserved to decide/resubmission. */
export function applyTransition(
  current: ClaimResponse,
  to: Status,
  at: Date,
  actor: Actor,
  reason: string | undefined,
  extras: TransitionExtras,
): TransitionResult {
  const from = currentStatus(current);
  if (!isStatus(to)) {
    fail('unknown-status', `「${String(to)}」不是案件受理狀態`, `"${String(to)}" is not a case status`);
  }
  if (from === to) {
    fail('same-status', `案件已是「${from}」`, `the case is already ${label(from)}`);
  }
  const rule = findRule(from, to);
  if (!rule) {
    fail(
      'illegal-transition',
      `案件不能從「${from}」改為「${to}」`,
      `a case cannot move from ${label(from)} to ${label(to)}`,
    );
  }
  if (rule.via === 'resubmission' && extras.via !== 'resubmission') {
    fail(
      'resubmission-required',
      `「${from}」的案件只能由連結此案受理編號的補件或申復重新開啟`,
      `a case in ${label(from)} is reopened only by a resubmission that links to its acceptance number`,
    );
  }
  if (rule.via === 'decision' && extras.via !== 'decision') {
    fail(
      'decision-required',
      '審畢結果只能由審查委員的核定（$decide）產生',
      'only a reviewer decision ($decide) finishes the review',
    );
  }
  if (!rule.actors.includes(actor.kind)) {
    fail(
      'actor-not-allowed',
      `「${actor.kind}」不能將案件從「${from}」改為「${to}」`,
      `a ${actor.kind} cannot move a case from ${label(from)} to ${label(to)}`,
    );
  }
  const stamp = fhirDateTime(at);
  if (current.created && fhirTime(stamp) < fhirTime(current.created)) {
    fail(
      'time-went-backwards',
      `狀態變更時間 ${stamp} 早於上次變更 ${current.created}`,
      `the change at ${stamp} is earlier than the last change at ${current.created}`,
    );
  }
  const audit: StatusChange = {
    action: rule.action,
    from,
    to,
    at: stamp,
    actor,
    ...(reason ? { reason } : {}),
    ...(extras.resubmission ? { resubmission: extras.resubmission } : {}),
  };
  const moved: ClaimResponse = {
    ...structuredClone(current),
    extension: [...structuredClone(current.extension ?? []), historyExtension(audit)],
    created: stamp,
    outcome: outcomeOf(to),
    disposition: to,
  };
  // Accepting a case (again) starts the payer's review clock.
  const claimResponse = to === ACCEPTED ? withReviewDue(moved, stamp) : moved;
  return { claimResponse, audit };
}

/**
 * Moves a case to `to` at `at`, refusing illegal moves with a WorkflowError. 審查中 → 審畢結果 happens
 * only through `decide`, and reopening (審畢結果 or 申請檔案未備齊 → 處理中) only through
 * `linkResubmission`.
 */
export function transition(
  current: ClaimResponse,
  to: Status,
  at: Date,
  actor: Actor,
  reason?: string,
): TransitionResult {
  return applyTransition(current, to, at, actor, reason, {});
}

/** A new case: ClaimResponse-twpas in 待處理 / queued with its first history entry. */
export function receive(refs: ClaimResponseRefs, at: Date, actor: Actor): TransitionResult {
  const stamp = fhirDateTime(at);
  const audit: StatusChange = { action: 'receive', from: null, to: RECEIVED, at: stamp, actor };
  const claimResponse = buildQueuedClaimResponse(stamp, refs);
  claimResponse.extension = [historyExtension(audit)];
  return { claimResponse, audit };
}
