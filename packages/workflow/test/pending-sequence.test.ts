import { sandboxRequestBundle } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { acceptanceNumber, defaultFileName } from '../src/acceptance.ts';
import { decide, startReview } from '../src/decide.ts';
import { readHistory } from '../src/history.ts';
import { intake } from '../src/intake.ts';
import { filled, filledAt, fillSequence, pendingSequence, pendingValues } from '../src/pending-sequence.ts';
import { resubmit } from '../src/resubmission.ts';
import { CASE_KEY, resubmissionBundle } from './case.ts';
import { errorCode, HOSPITAL, REVIEWER } from './helpers.ts';

const SUBMITTED = new Date('2026-10-06T01:00:00Z');
const RESENT = new Date('2026-10-09T04:00:00Z');

describe('a sequence drawn after the work', () => {
  it('forms the acceptance number and file name with placeholders that fill to the drawn digits', () => {
    const pending = pendingSequence();
    const number = acceptanceNumber('0101090517', SUBMITTED, pending);
    const file = defaultFileName('0101090517', SUBMITTED, pending);
    expect(number.startsWith('202610060101090517')).toBe(true);
    expect(number).toContain(pending.mark);
    const fill = fillSequence(pending, 42);
    expect(filled({ number, file, note: [`申復 ${number}`] }, fill)).toEqual({
      number: '202610060101090517000042',
      file: 'FHR0101090517_2026100600000042.JSON',
      note: ['申復 202610060101090517000042'],
    });
  });

  it('finds every string that holds a placeholder, with its path', () => {
    const pending = pendingSequence();
    const number = acceptanceNumber('0101090517', SUBMITTED, pending);
    expect(
      pendingValues(
        { id: 'x', identifier: [{ value: 'kept' }, { value: number }], note: { text: `申復 ${number}` } },
        pending,
      ),
    ).toEqual([
      { path: ['identifier', '1', 'value'], text: number },
      { path: ['note', 'text'], text: `申復 ${number}` },
    ]);
    expect(pendingValues({ a: [1, true, null, 'x'] }, pending)).toEqual([]);
    expect(() => pendingValues({ [number]: 1 }, pending)).toThrow('never a key');
  });

  it('fills just the values it found, as the whole-value fill does, copying only their paths', () => {
    const pending = pendingSequence();
    const early = intake(sandboxRequestBundle(CASE_KEY), SUBMITTED, pending);
    const fill = fillSequence(pending, 9);
    const values = pendingValues(early.claim, pending);
    expect(values).not.toEqual([]);
    const done = filledAt(early.claim, values, fill);
    expect(done).toEqual(filled(early.claim, fill));
    expect(done).not.toEqual(early.claim);
    expect(done.item).toBe(early.claim.item);
  });

  it('gives an intake with a pending sequence the same result as one with the drawn sequence', () => {
    const bundle = sandboxRequestBundle(CASE_KEY);
    const pending = pendingSequence();
    const early = intake(bundle, SUBMITTED, pending);
    expect(pendingValues(early.claim, pending)).not.toEqual([]);
    // The case answers with the number as its preAuthRef, so it holds the placeholder too.
    expect(pendingValues(early.claimResponse, pending)).not.toEqual([]);
    expect(filled(early, fillSequence(pending, 7))).toEqual(intake(bundle, SUBMITTED, 7));
  });

  it('puts the pending number into the reopened case of a resubmission, and the drawn one after the fill', () => {
    const received = intake(sandboxRequestBundle(CASE_KEY), SUBMITTED, 1);
    const review = startReview(received.claimResponse, SUBMITTED, REVIEWER);
    const denied = decide(review.claimResponse, received.claim, {
      reviewer: REVIEWER,
      at: SUBMITTED,
      items: [
        { sequence: 1, reason: 2, comment: '不符給付規定' },
        { sequence: 2, reason: 2, comment: '同上' },
      ],
    });
    const earlier = { claim: received.claim, claimResponse: denied.claimResponse };
    const bundle = resubmissionBundle('3', received.acceptanceNumber);
    const pending = pendingSequence();
    const early = resubmit(bundle, earlier, RESENT, pending, { hospital: HOSPITAL });
    expect(pendingValues(early.claimResponse, pending)).not.toEqual([]);
    const done = filled(early, fillSequence(pending, 3));
    expect(done).toEqual(resubmit(bundle, earlier, RESENT, 3, { hospital: HOSPITAL }));
    expect(readHistory(done.claimResponse).at(-2)?.resubmission).toBe('202610090101090517000003');
  });

  it.each([0, 1_000_000, 2.5])('refuses to fill with sequence %s', (sequence) => {
    expect(errorCode(() => fillSequence(pendingSequence(), sequence))).toBe('invalid-sequence');
  });

  it('makes marks of lowercase letters and digits that differ each time', () => {
    const [a, b] = [pendingSequence(), pendingSequence()];
    expect(a.mark).toMatch(/^[a-z0-9]{32,}$/);
    expect(a.mark).not.toBe(b.mark);
    expect(() => pendingSequence('Short')).toThrow();
  });
});
