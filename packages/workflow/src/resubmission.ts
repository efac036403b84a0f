/**
 * Resubmissions and appeals: a Claim with subType 2–5 cites the acceptance number of the case it
 * continues (`identifier` use=secondary) and reopens that case's ClaimResponse (→ 處理中, with a
 * `reopen` history entry). One case, one ClaimResponse: the reopened ClaimResponse's `request` moves to
 * the new Claim (whose items the next decision covers); its earlier decision and pre-check notes are
 * dropped from the current version (they stay in the resource's version history and timeline).
 *
 * What may follow what (the earlier case is the latest Claim of the case and its ClaimResponse):
 *
 * | subType            | earlier Claim subType | earlier case state                                    |
 * |--------------------|-----------------------|-------------------------------------------------------|
 * | 2 送核補件          | 1 or 2                | 申請檔案未備齊, or 審畢結果 with an item reason 4 補件   |
 * | 3 申復              | 1 or 2                | 審畢結果 with an item reason 2 不予同意 or 3 部份同意     |
 * | 4 爭議審議          | 3 or 5                | 審畢結果 with an item reason 2 or 3 (the appeal lost)   |
 * | 5 申復補件          | 3 or 5                | 申請檔案未備齊, or 審畢結果 with an item reason 4        |
 */
import {
  APPLY_TYPES,
  type ApplyTypeCode,
  type Bundle,
  type Claim,
  type ClaimResponse,
  TWPAS_CODE_SYSTEMS,
} from '@openpas/fhir-model/browser';
import {
  acceptanceNumberOf,
  assignIdentifiers,
  earlierAcceptanceNumberOf,
  hospitalCodeOf,
} from './acceptance.ts';
import { type Actor, INTAKE_ACTOR } from './actor.ts';
import { claimEntry } from './bundle-index.ts';
import { withAcceptanceReference, withRequestedMedications } from './case-facts.ts';
import { fail } from './errors.ts';
import { type IntakeResult, responseRefs, settleAfterPrecheck } from './intake.ts';
import { withoutOutcomeDetails } from './notes.ts';
import type { Sequence } from './pending-sequence.ts';
import { INCOMPLETE, REVIEW_FINISHED } from './states.ts';
import { applyTransition, currentStatus, type TransitionResult } from './transitions.ts';

export type ResubmissionType = Exclude<ApplyTypeCode, '1'>;

interface ResubmissionRule {
  readonly earlierSubTypes: readonly ApplyTypeCode[];
  readonly afterIncomplete: boolean;
  readonly afterItemReasons: readonly string[];
}

export const RESUBMISSION_RULES: Readonly<Record<ResubmissionType, ResubmissionRule>> = {
  '2': { earlierSubTypes: ['1', '2'], afterIncomplete: true, afterItemReasons: ['4'] },
  '3': { earlierSubTypes: ['1', '2'], afterIncomplete: false, afterItemReasons: ['2', '3'] },
  '4': { earlierSubTypes: ['3', '5'], afterIncomplete: false, afterItemReasons: ['2', '3'] },
  '5': { earlierSubTypes: ['3', '5'], afterIncomplete: true, afterItemReasons: ['4'] },
};

export interface EarlierCase {
  /** The latest Claim of the case (the one whose acceptance number the resubmission cites). */
  readonly claim: Claim;
  readonly claimResponse: ClaimResponse;
}

function subTypeOf(claim: Claim): ApplyTypeCode | undefined {
  const coding = claim.subType?.coding?.find((c) => c.system === TWPAS_CODE_SYSTEMS.applyType);
  const code = coding?.code;
  return code !== undefined && Object.hasOwn(APPLY_TYPES, code) ? (code as ApplyTypeCode) : undefined;
}

function itemReasons(response: ClaimResponse): string[] {
  return (response.item ?? []).flatMap((item) =>
    item.adjudication.map((a) => a.reason?.coding?.[0]?.code ?? ''),
  );
}

/** Checks that `newClaim` may continue `earlier`; returns its subType. */
export function checkResubmission(newClaim: Claim, earlier: EarlierCase): ResubmissionType {
  const type = subTypeOf(newClaim);
  if (type === undefined || type === '1') {
    fail(
      'not-a-resubmission',
      '申報類別須為 2 送核補件、3 申復、4 爭議審議或 5 申復補件',
      'the Claim subType must be 2, 3, 4 or 5 to continue an earlier case',
    );
  }
  const cited = earlierAcceptanceNumberOf(newClaim);
  if (!cited) {
    fail(
      'earlier-acceptance-number-missing',
      `${APPLY_TYPES[type].zh}須附原受理編號（identifier use=secondary）`,
      `${APPLY_TYPES[type].en} needs the earlier acceptance number (identifier use=secondary)`,
    );
  }
  const earlierNumber = acceptanceNumberOf(earlier.claim);
  if (cited !== earlierNumber) {
    fail(
      'earlier-acceptance-number-mismatch',
      `原受理編號 ${cited} 與原案 ${earlierNumber ?? '（無）'} 不符`,
      `the cited acceptance number ${cited} is not the earlier case's ${earlierNumber ?? '(none)'}`,
    );
  }
  const rule = RESUBMISSION_RULES[type];
  const status = currentStatus(earlier.claimResponse);
  const earlierType = subTypeOf(earlier.claim) ?? '1';
  const reasons = itemReasons(earlier.claimResponse);
  const stateAllows =
    (rule.afterIncomplete && status === INCOMPLETE) ||
    (status === REVIEW_FINISHED && reasons.some((r) => rule.afterItemReasons.includes(r)));
  if (!rule.earlierSubTypes.includes(earlierType) || !stateAllows) {
    fail(
      'resubmission-not-allowed',
      `原案（${APPLY_TYPES[earlierType].zh}，${status}，核定註記 ${reasons.join('、') || '無'}）不能${APPLY_TYPES[type].zh}`,
      `${APPLY_TYPES[type].en} is not allowed after a ${APPLY_TYPES[earlierType].en} case in ${status} (item reasons ${reasons.join(', ') || 'none'})`,
    );
  }
  return type;
}

export interface LinkOptions {
  /** The new Claim's reference, to become the reopened ClaimResponse's `request`. */
  readonly request?: string;
}

/** Reopens the earlier case for `newClaim`: its ClaimResponse back to 處理中 with a history entry. */
export function linkResubmission(
  newClaim: Claim,
  earlier: EarlierCase,
  at: Date,
  actor: Actor,
  options: LinkOptions = {},
): TransitionResult {
  const type = checkResubmission(newClaim, earlier);
  const newNumber = acceptanceNumberOf(newClaim);
  const reopened = applyTransition(
    withoutOutcomeDetails(earlier.claimResponse),
    '處理中',
    at,
    actor,
    `${APPLY_TYPES[type].zh}${newNumber ? ` ${newNumber}` : ''}`,
    { via: 'resubmission', ...(newNumber ? { resubmission: newNumber } : {}) },
  );
  if (!options.request) return reopened;
  return {
    ...reopened,
    claimResponse: { ...reopened.claimResponse, request: { reference: options.request } },
  };
}

export interface ResubmitOptions {
  /** The submitting hospital (client or user). */
  readonly hospital: Actor;
  readonly originalFileName?: string;
  readonly maxLabAgeDays?: number;
}

/**
 * Intake of a subType 2–5 Bundle: the new Claim gets its own acceptance number and file name, the earlier
 * case is reopened (處理中, `request` → the new Claim's fullUrl), pre-checked, and moved to 已受理 or
 * 申請檔案未備齊 — all at `now`.
 */
export function resubmit(
  bundle: Bundle,
  earlier: EarlierCase,
  now: Date,
  sequence: Sequence,
  options: ResubmitOptions,
): IntakeResult {
  const claim = assignIdentifiers(claimEntry(bundle).resource, {
    hospitalCode: hospitalCodeOf(bundle),
    at: now,
    sequence,
    ...(options.originalFileName ? { originalFileName: options.originalFileName } : {}),
  });
  const reopened = linkResubmission(claim, earlier, now, options.hospital, {
    request: responseRefs(bundle).request,
  });
  const settled = settleAfterPrecheck(
    reopened.claimResponse,
    bundle,
    now,
    INTAKE_ACTOR,
    options.maxLabAgeDays,
  );
  return {
    claim,
    claimResponse: withAcceptanceReference(withRequestedMedications(settled.claimResponse, bundle), claim),
    acceptanceNumber: acceptanceNumberOf(claim) ?? '',
    precheck: settled.precheck,
    audit: [reopened.audit, settled.audit],
  };
}
