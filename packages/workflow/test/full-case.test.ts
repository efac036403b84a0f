import { readFileSync } from 'node:fs';
import { type ClaimResponse, sandboxRequestBundle, TWPAS_PROFILES } from '@openpas/fhir-model';
import { readExampleBundle, twpasDefinitions, twpasPath } from '@openpas/fhir-model/testing';
import { validateBase, validateResourceWithGuide } from '@openpas/ig-validation';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { claimEntry } from '../src/bundle-index.ts';
import { decide, type ItemDecision, startReview } from '../src/decide.ts';
import { readHistory } from '../src/history.ts';
import { intake } from '../src/intake.ts';
import { resubmit } from '../src/resubmission.ts';
import { CASE_KEY, incompleteBundle, resubmissionBundle } from './case.ts';
import { errorCode, HOSPITAL, REVIEWER } from './helpers.ts';

const SUBMITTED = new Date('2026-10-06T01:00:00Z'); // 09:00 in Taiwan
const REVIEW = new Date('2026-10-07T02:00:00Z');
const DECIDED = new Date('2026-10-08T03:30:00Z');
const RESENT = new Date('2026-10-09T04:00:00Z');

const DECISIONS: Record<string, ItemDecision[]> = {
  approve: [
    {
      sequence: 1,
      reason: 1,
      details: [
        { sequence: 1, reason: 1 },
        { sequence: 2, reason: 1 },
      ],
    },
    { sequence: 2, reason: 1 },
  ],
  deny: [
    { sequence: 1, reason: 2, comment: 'HER2 未達 3+，不符給付規定' },
    { sequence: 2, reason: 2, comment: '同上' },
  ],
  partly: [
    { sequence: 1, reason: 3, approvedQuantity: 4, comment: '先核 4 個療程' },
    { sequence: 2, reason: 1 },
  ],
  documents: [
    { sequence: 1, reason: 4, comment: '請補 HER2 IHC 報告' },
    { sequence: 2, reason: 4, comment: '請補 HER2 IHC 報告' },
  ],
};

function decidedCase(decision: keyof typeof DECISIONS) {
  const bundle = sandboxRequestBundle(CASE_KEY);
  const received = intake(bundle, SUBMITTED, 1);
  const review = startReview(received.claimResponse, REVIEW, REVIEWER);
  const decided = decide(review.claimResponse, received.claim, {
    reviewer: REVIEWER,
    at: DECIDED,
    items: DECISIONS[decision] ?? [],
  });
  return { received, review, decided };
}

/** Every path of a JSON value, array indices dropped. */
function paths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, p);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.add(`${p}${k}`);
        walk(x, `${p}${k}.`);
      }
    }
  };
  walk(value, prefix);
  return out;
}

describe('a whole case', () => {
  it('is received, pre-checked and accepted on intake', () => {
    const { claim, claimResponse, acceptanceNumber, precheck, audit } = intake(
      sandboxRequestBundle(CASE_KEY),
      SUBMITTED,
      1,
    );
    expect(acceptanceNumber).toBe('202610060101090517000001');
    expect(claim.identifier).toEqual([
      { use: 'official', value: '202610060101090517000001' },
      { use: 'usual', value: 'FHR0101090517_2026100600000001.JSON' },
    ]);
    expect(precheck).toEqual([]);
    expect([claimResponse.disposition, claimResponse.outcome, claimResponse.created]).toEqual([
      '已受理',
      'partial',
      '2026-10-06T09:00:00+08:00',
    ]);
    expect(audit.map((a) => [a.action, a.from, a.to])).toEqual([
      ['receive', null, '待處理'],
      ['start-processing', '待處理', '處理中'],
      ['accept', '處理中', '已受理'],
    ]);
    const bundle = sandboxRequestBundle(CASE_KEY);
    const entry = claimEntry(bundle);
    expect(claimResponse.request).toEqual({ reference: entry.fullUrl });
    expect(claimResponse.patient).toEqual(entry.resource.patient);
    expect(claimResponse.requestor).toEqual(entry.resource.provider);
    expect(claimResponse.insurer?.reference).toMatch(/^urn:uuid:/);
  });

  it('goes to 申請檔案未備齊 with the reasons when incomplete', () => {
    const { claimResponse, precheck, audit } = intake(incompleteBundle(), SUBMITTED, 2);
    expect([claimResponse.disposition, claimResponse.outcome]).toEqual(['申請檔案未備齊', 'error']);
    expect(precheck.map((r) => r.code)).toEqual(['weight-missing']);
    expect(claimResponse.error).toEqual([
      {
        code: {
          coding: [
            {
              system: 'https://openpas.dev/fhir/CodeSystem/precheck-reason',
              code: 'weight-missing',
              display: '未填病人體重（公斤）',
            },
          ],
          text: 'the patient’s body weight (kg) is missing',
        },
      },
    ]);
    expect(claimResponse.processNote).toEqual([
      {
        number: 1,
        type: 'display',
        text: '未填病人體重（公斤）',
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'zh-TW' }] },
      },
      {
        number: 2,
        type: 'display',
        text: 'the patient’s body weight (kg) is missing',
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] },
      },
    ]);
    expect(audit.at(-1)).toMatchObject({
      action: 'fail',
      from: '處理中',
      to: '申請檔案未備齊',
      reason: '智能預檢：weight-missing',
    });
  });

  it.each(Object.keys(DECISIONS))(
    'is decided (%s) as 審畢結果 / complete with a timeline of six entries',
    (decision) => {
      const { decided } = decidedCase(decision);
      expect([
        decided.claimResponse.disposition,
        decided.claimResponse.outcome,
        decided.claimResponse.created,
      ]).toEqual(['審畢結果', 'complete', '2026-10-08T11:30:00+08:00']);
      expect(readHistory(decided.claimResponse).map((h) => [h.action, h.to, h.at])).toEqual([
        ['receive', '待處理', '2026-10-06T09:00:00+08:00'],
        ['start-processing', '處理中', '2026-10-06T09:00:00+08:00'],
        ['accept', '已受理', '2026-10-06T09:00:00+08:00'],
        ['start-review', '審查中', '2026-10-07T10:00:00+08:00'],
        ['decide', '審畢結果', '2026-10-08T11:30:00+08:00'],
      ]);
    },
  );

  it('has every path of the official decided ClaimResponse example', () => {
    if (!sharedAvailable()) return;
    const official = JSON.parse(
      readFileSync(twpasPath('examples', 'ClaimResponse-claim-response-example.json'), 'utf8'),
    ) as ClaimResponse;
    const ours = paths(decidedCase('approve').decided.claimResponse);
    const missing = [...paths(official)].filter((p) => !ours.has(p) && p !== 'id' && !p.startsWith('text'));
    expect(missing).toEqual([]);
  });

  it.each([
    ['documents', '2', '送核補件'],
    ['deny', '3', '申復'],
    ['partly', '3', '申復'],
  ] as const)(
    'after %s, a %s (%s) citing the acceptance number reopens the case and is accepted again',
    (decision, type, label) => {
      const { received, decided } = decidedCase(decision);
      const bundle = resubmissionBundle(type, received.acceptanceNumber);
      const result = resubmit(
        bundle,
        { claim: received.claim, claimResponse: decided.claimResponse },
        RESENT,
        5,
        {
          hospital: HOSPITAL,
        },
      );
      expect(result.acceptanceNumber).toBe('202610090101090517000005');
      expect(result.claim.identifier).toEqual([
        { use: 'official', value: '202610090101090517000005' },
        { use: 'usual', value: 'FHR0101090517_2026100900000005.JSON' },
        { use: 'secondary', value: '202610060101090517000001' },
      ]);
      expect([
        result.claimResponse.disposition,
        result.claimResponse.outcome,
        result.claimResponse.created,
      ]).toEqual(['已受理', 'partial', '2026-10-09T12:00:00+08:00']);
      expect(result.claimResponse.item).toBeUndefined();
      expect(result.claimResponse.request).toEqual({ reference: claimEntry(bundle).fullUrl });
      expect(result.audit).toEqual([
        {
          action: 'reopen',
          from: '審畢結果',
          to: '處理中',
          at: '2026-10-09T12:00:00+08:00',
          actor: HOSPITAL,
          reason: `${label} 202610090101090517000005`,
          resubmission: '202610090101090517000005',
        },
        {
          action: 'accept',
          from: '處理中',
          to: '已受理',
          at: '2026-10-09T12:00:00+08:00',
          actor: { kind: 'system', id: 'intake' },
          reason: '智能預檢通過 pre-check passed',
        },
      ]);
      expect(readHistory(result.claimResponse)).toHaveLength(7);
    },
  );

  it('reopens an incomplete case with a 送核補件 that completes it', () => {
    const incomplete = intake(incompleteBundle(), SUBMITTED, 2);
    const result = resubmit(resubmissionBundle('2', incomplete.acceptanceNumber), incomplete, RESENT, 6, {
      hospital: HOSPITAL,
    });
    expect(result.claimResponse.disposition).toBe('已受理');
    expect(result.claimResponse.error).toBeUndefined();
    expect(result.claimResponse.processNote).toBeUndefined();
    expect(result.audit.map((a) => [a.from, a.to])).toEqual([
      ['申請檔案未備齊', '處理中'],
      ['處理中', '已受理'],
    ]);
  });

  it('refuses an appeal after a full approval', () => {
    const { received, decided } = decidedCase('approve');
    const run = () =>
      resubmit(
        resubmissionBundle('3', received.acceptanceNumber),
        { claim: received.claim, claimResponse: decided.claimResponse },
        RESENT,
        7,
        {
          hospital: HOSPITAL,
        },
      );
    expect(errorCode(run)).toBe('resubmission-not-allowed');
  });
});

describe.skipIf(!sharedAvailable())('the ClaimResponses produced', () => {
  const stages = (): [string, ClaimResponse][] => {
    const { received, review, decided } = decidedCase('partly');
    return [
      ['accepted', received.claimResponse],
      ['incomplete', intake(incompleteBundle(), SUBMITTED, 2).claimResponse],
      ['under review', review.claimResponse],
      ['decided', decided.claimResponse],
      ['decided with details', decidedCase('approve').decided.claimResponse],
    ];
  };

  it.each(stages())(
    'are valid R4 when %s (urn:uuid references resolved in the request Bundle)',
    (_stage, response) => {
      expect(validateBase(response, sandboxRequestBundle(CASE_KEY)).remaining).toEqual([]);
    },
  );

  it.each(stages())('conform to ClaimResponse-twpas when %s', (_stage, response) => {
    expect(
      validateResourceWithGuide(response, twpasDefinitions(), { profile: TWPAS_PROFILES.claimResponse })
        .remaining,
    ).toEqual([]);
  });

  it('accepts the official Bundle-bun-1 and gives a valid ClaimResponse', () => {
    const result = intake(readExampleBundle('Bundle-bun-1.json'), SUBMITTED, 3);
    expect(result.claimResponse.disposition).toBe('已受理');
    expect(result.claimResponse.request).toEqual({ reference: 'https://nhicore.nhi.gov.tw/pas/Claim/cla-1' });
    expect(result.claimResponse.insurer).toEqual({ reference: 'Organization/org-nhi' });
    expect(
      validateResourceWithGuide(result.claimResponse, twpasDefinitions(), {
        profile: TWPAS_PROFILES.claimResponse,
      }).remaining,
    ).toEqual([]);
  });
});
