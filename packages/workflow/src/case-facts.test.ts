import { sandboxRequestBundle } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { CASE_KEY, incompleteBundle, resubmissionBundle } from '../test/case.ts';
import { HOSPITAL, REVIEWER } from '../test/helpers.ts';
import { claimEntry } from './bundle-index.ts';
import { REVIEW_PERIOD_DAYS, requestedMedicationsOf, reviewDueOf } from './case-facts.ts';
import { decide, startReview } from './decide.ts';
import { intake } from './intake.ts';
import { resubmit } from './resubmission.ts';

const AT = new Date('2026-10-06T01:00:00Z');
const sequence = 1;

describe('the facts the payer’s queue reads off a case', () => {
  it('gives an accepted case its decision due two weeks after acceptance, in Taiwan time', () => {
    const { claimResponse } = intake(sandboxRequestBundle(CASE_KEY), AT, sequence);
    expect(claimResponse.disposition).toBe('已受理');
    expect(REVIEW_PERIOD_DAYS).toBe(14);
    expect(reviewDueOf(claimResponse)).toBe('2026-10-20T09:00:00+08:00');
  });

  it('gives an incomplete case no due date: the clock has not started', () => {
    const { claimResponse } = intake(incompleteBundle(), AT, sequence);
    expect(claimResponse.disposition).toBe('申請檔案未備齊');
    expect(reviewDueOf(claimResponse)).toBeUndefined();
  });

  it('names every drug the items ask for, once each, with its code', () => {
    const bundle = sandboxRequestBundle(CASE_KEY);
    const { claimResponse } = intake(bundle, AT, sequence);
    const drugs = requestedMedicationsOf(claimResponse);
    expect(drugs.length).toBeGreaterThan(0);
    const codes = drugs.flatMap((d) => d.coding?.map((c) => c.code) ?? []);
    expect(new Set(codes).size).toBe(codes.length);
    expect(claimEntry(bundle).resource.item?.length).toBeGreaterThanOrEqual(drugs.length);
  });

  it('restarts the clock when a resubmission is accepted and keeps one due date', () => {
    const first = intake(sandboxRequestBundle(CASE_KEY), AT, sequence);
    const reviewing = startReview(first.claimResponse, new Date('2026-10-07T01:00:00Z'), REVIEWER);
    const claim = first.claim;
    const decided = decide(reviewing.claimResponse, claim, {
      reviewer: REVIEWER,
      at: new Date('2026-10-08T01:00:00Z'),
      items: (claim.item ?? []).map((item) => ({
        sequence: item.sequence,
        reason: 4 as const,
        comment: '請補件',
      })),
    });
    const again = resubmit(
      resubmissionBundle('2', first.acceptanceNumber),
      { claim, claimResponse: decided.claimResponse },
      new Date('2026-10-09T04:00:00Z'),
      2,
      { hospital: HOSPITAL },
    );
    expect(again.claimResponse.disposition).toBe('已受理');
    expect(reviewDueOf(again.claimResponse)).toBe('2026-10-23T12:00:00+08:00');
    expect(again.claimResponse.extension?.filter((e) => e.url.endsWith('/review-due'))).toHaveLength(1);
    // The payer's reference (preAuthRef) follows the case's current acceptance number.
    expect(first.claimResponse.preAuthRef).toBe(first.acceptanceNumber);
    expect(again.acceptanceNumber).not.toBe(first.acceptanceNumber);
    expect(again.claimResponse.preAuthRef).toBe(again.acceptanceNumber);
  });
});
