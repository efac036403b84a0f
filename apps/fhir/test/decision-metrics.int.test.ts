import { type DecisionDeps, decideCase, type SubmissionDeps, submitCase } from '@openpas/cases';
import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import {
  type Bundle,
  SANDBOX_HOSPITALS,
  type SandboxCaseKey,
  sandboxRequestBundle,
} from '@openpas/fhir-model';
import { type Caller, createAuditWriter } from '@openpas/fhir-store';
import { parseScopes } from '@openpas/scopes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resubmissionOf } from './cases.ts';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { countCase, expectedNumbers, type ReadCase, reportedNumbers } from './metrics-count.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

// The payer's decision metrics (ClaimResponse/$decision-metrics) against the test's own count. Cases are
// seeded through the workflow's real path — the submission and decision use cases with their clocks set,
// so that the decisions fall in three months; one case over HTTP ($decide) today — across three
// hospitals and several drugs, with every outcome, an appeal decided again (the first decision counts), an
// appeal pending, a decision at 01:00 Taiwan time on the 1st (Taiwan's month, not UTC's) and an undecided
// case. The expected numbers are counted here from the ClaimResponses' versions and Claims read back over
// the API, not from the metrics table.

const targets = await testTargets();

type ItemReason = 1 | 2 | 3 | 4 | 5;

const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';
const HOSPITAL_SCOPES = 'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs';
const HOSPITAL_C = { code: '0401180014', name: '測試醫院丙' };
const NAMES: Record<string, string> = {
  [SANDBOX_HOSPITALS.a.code]: SANDBOX_HOSPITALS.a.name,
  [SANDBOX_HOSPITALS.b.code]: SANDBOX_HOSPITALS.b.name,
  [HOSPITAL_C.code]: HOSPITAL_C.name,
};

/**
 * A sandbox case's Bundle as hospital `code` sends it on `at` (its own code wherever the case names its
 * hospital; the application dated that day, as the pre-check wants no application from the future).
 */
function bundleAt(bundle: unknown, code: string, at: string): Bundle {
  let text = JSON.stringify(bundle);
  for (const hospital of Object.values(SANDBOX_HOSPITALS)) text = text.replaceAll(hospital.code, code);
  const sent = JSON.parse(text) as Bundle;
  for (const entry of sent.entry ?? [])
    if (entry.resource?.resourceType === 'Claim')
      (entry.resource as { created: string }).created = at.slice(0, 10);
  return sent;
}

interface Plan {
  key: SandboxCaseKey;
  hospital: string;
  submitted: string;
  /** Per item, repeating the last; 3 approves half */
  reasons?: ItemReason[];
  decided?: string;
  /** A 申復 (subType 3) at this time, decided again as approved when `appealDecided` is set */
  appealed?: string;
  appealDecided?: string;
}

const A = SANDBOX_HOSPITALS.a.code;
const B = SANDBOX_HOSPITALS.b.code;
const C = HOSPITAL_C.code;
const PLANS: Plan[] = [
  {
    key: 'a-crc-kras-bevacizumab',
    hospital: A,
    submitted: '2026-10-25T09:00:00+08:00',
    reasons: [1],
    decided: '2026-10-28T15:30:00+08:00',
  },
  {
    key: 'a-nsclc-egfr-osimertinib',
    hospital: B,
    submitted: '2026-10-26T10:00:00+08:00',
    reasons: [2],
    decided: '2026-10-30T11:00:00+08:00',
    appealed: '2026-11-03T09:00:00+08:00',
    appealDecided: '2026-11-10T09:00:00+08:00',
  },
  {
    key: 'a-myeloma-daratumumab',
    hospital: C,
    submitted: '2026-10-27T08:00:00+08:00',
    reasons: [3],
    decided: '2026-11-02T16:45:00+08:00',
  },
  {
    key: 'a-breast-her2-trastuzumab-pertuzumab',
    hospital: A,
    submitted: '2026-11-01T09:00:00+08:00',
    reasons: [1, 4],
    decided: '2026-11-05T10:00:00+08:00',
  },
  {
    key: 'a-crc-kras-bevacizumab',
    hospital: B,
    submitted: '2026-11-03T09:00:00+08:00',
    reasons: [5],
    decided: '2026-11-12T09:00:00+08:00',
  },
  {
    key: 'a-nsclc-egfr-osimertinib',
    hospital: C,
    submitted: '2026-11-10T09:00:00+08:00',
    reasons: [1],
    decided: '2026-11-20T18:00:00+08:00',
  },
  {
    key: 'a-myeloma-daratumumab',
    hospital: A,
    submitted: '2026-11-25T09:00:00+08:00',
    reasons: [2],
    // 01:00 on 1 December in Taiwan, still 30 November in UTC
    decided: '2026-12-01T01:00:00+08:00',
    appealed: '2026-12-02T09:00:00+08:00',
  },
  {
    key: 'a-breast-her2-trastuzumab-pertuzumab',
    hospital: B,
    submitted: '2026-11-28T09:00:00+08:00',
    reasons: [1, 2],
    decided: '2026-12-01T14:00:00+08:00',
  },
  {
    key: 'a-crc-kras-bevacizumab',
    hospital: C,
    submitted: '2026-12-01T09:00:00+08:00',
    reasons: [1],
    decided: '2026-12-03T09:30:00+08:00',
  },
  { key: 'a-hcc-atezolizumab-bevacizumab', hospital: C, submitted: '2026-12-02T09:00:00+08:00' },
];

describe.each(targets)('the payer’s decision metrics on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let platform: Platform;
  let users: UserTokens;
  let reviewerToken: string;
  let hospitalToken: string;
  let reviewer: Caller;
  const hospitals = new Map<string, Caller>();
  let submissions: SubmissionDeps;
  let decisions: DecisionDeps;
  let pending:
    | { id: string; claim: { item?: { sequence: number; quantity?: { value?: number } }[] } }
    | undefined;

  async function decideItems(
    caseId: string,
    claim: { item?: { sequence: number; quantity?: { value?: number } }[] },
    reasons: readonly ItemReason[],
    at: string,
  ): Promise<void> {
    const items = (claim.item ?? []).map((item, index) => {
      const reason = reasons[Math.min(index, reasons.length - 1)] as ItemReason;
      const requested = item.quantity?.value ?? 1;
      return {
        sequence: item.sequence,
        reason,
        ...(reason === 1 ? {} : { comment: '審查意見' }),
        ...(reason === 3 ? { approvedQuantity: requested / 2 } : {}),
      };
    });
    await decideCase(decisions, reviewer, `metrics-${caseId}`, { id: caseId, items }, new Date(at));
  }

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    sql = await openFastSql(db);
    users = await userTokens(db, platform, 'review-console', REVIEW_SCOPES);
    reviewerToken = await users.token(REVIEW_SCOPES, { username: 'reviewer' });
    await platform.backendClient('his-a', A, HOSPITAL_SCOPES);
    hospitalToken = await platform.token('his-a', HOSPITAL_SCOPES);
    const audit = createAuditWriter(sql);
    submissions = { sql, audit, baseUrl: platform.base, maxEntries: 500 };
    decisions = { sql, audit };

    await db.prisma.organization.create({ data: { kind: 'hospital', nhiCode: C, name: HOSPITAL_C.name } });
    for (const code of [A, B, C]) {
      const org = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode: code } });
      hospitals.set(code, {
        clientId: `his-${code}`,
        scopes: parseScopes(HOSPITAL_SCOPES).scopes,
        userRoles: [],
        clientOrganization: { id: org.id, kind: 'hospital', nhiCode: code },
      });
    }
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { username: 'reviewer' },
      include: { organization: true },
    });
    reviewer = {
      clientId: 'review-console',
      scopes: parseScopes('user/ClaimResponse.rus user/Claim.rs').scopes,
      userId: user.id,
      userRoles: user.roles,
      userOrganization: {
        id: String(user.organization?.id),
        kind: 'payer',
        nhiCode: user.organization?.nhiCode ?? null,
      },
    };

    for (const plan of PLANS) {
      const hospital = hospitals.get(plan.hospital) as Caller;
      const submitted = await submitCase(
        submissions,
        hospital,
        'metrics-seed',
        bundleAt(sandboxRequestBundle(plan.key), plan.hospital, plan.submitted),
        new Date(plan.submitted),
      );
      const caseId = String(submitted.claimResponse.id);
      expect(submitted.claimResponse.disposition).toBe('已受理');
      const claim = (submitted.bundle.resource as Bundle).entry?.find(
        (e) => e.resource?.resourceType === 'Claim',
      )?.resource as { item?: { sequence: number; quantity?: { value?: number } }[] };
      if (!plan.decided || !plan.reasons) {
        pending = { id: caseId, claim };
        continue;
      }
      await decideItems(caseId, claim, plan.reasons, plan.decided);
      if (!plan.appealed) continue;
      const appeal = resubmissionOf(plan.key, submitted.acceptanceNumber, '3');
      const reopened = await submitCase(
        submissions,
        hospital,
        'metrics-seed',
        bundleAt(appeal.bundle, plan.hospital, plan.appealed),
        new Date(plan.appealed),
      );
      expect(reopened.claimResponse.id).toBe(caseId);
      const appealClaim = (reopened.bundle.resource as Bundle).entry?.find(
        (e) => e.resource?.resourceType === 'Claim',
      )?.resource as typeof claim;
      if (plan.appealDecided) await decideItems(caseId, appealClaim, [1], plan.appealDecided);
    }

    // One case today over HTTP: submitted by hospital A, approved through $decide.
    const posted = await call(`${platform.base}/Bundle`, hospitalToken, {
      method: 'POST',
      body: sandboxRequestBundle('a-hcc-atezolizumab-bevacizumab'),
    });
    expect(posted.status).toBe(201);
    const claim = (
      posted.body.entry as {
        resource: { resourceType: string; id: string; item: { quantity?: { value: number } }[] };
      }[]
    ).find((entry) => entry.resource.resourceType === 'Claim')?.resource;
    const found = await call(`${platform.base}/ClaimResponse?request=Claim/${claim?.id}`, hospitalToken);
    const caseId = (found.body.entry as { resource: { id: string } }[])[0]?.resource.id;
    const decided = await call(`${platform.base}/ClaimResponse/${caseId}/$decide`, reviewerToken, {
      method: 'POST',
      body: {
        resourceType: 'Parameters',
        parameter: (claim?.item ?? []).map((item, index) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: index + 1 },
            { name: 'reason', valueCode: '1' },
            { name: 'approvedQuantity', valueDecimal: item.quantity?.value ?? 1 },
          ],
        })),
      },
    });
    expect(decided.status, JSON.stringify(decided.body).slice(0, 300)).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await users?.close();
    await sql?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  /** Every case as read back over the API, counted by the test. */
  async function countedCases() {
    const page = await call(`${platform.base}/ClaimResponse?_count=200`, reviewerToken);
    const ids = (page.body.entry as { resource: { id: string } }[]).map((entry) => entry.resource.id);
    const counted = [];
    for (const id of ids) {
      const history = await call(`${platform.base}/ClaimResponse/${id}/_history`, reviewerToken);
      const versions = (
        history.body.entry as { resource: Record<string, unknown> & { meta: { versionId: string } } }[]
      )
        .map((entry) => entry.resource)
        .sort((a, b) => Number(a.meta.versionId) - Number(b.meta.versionId));
      const claims = new Map<string, Record<string, unknown>>();
      for (const version of versions) {
        const ref = (version.request as { reference: string }).reference;
        if (!claims.has(ref)) claims.set(ref, (await call(`${platform.base}/${ref}`, reviewerToken)).body);
      }
      const read: ReadCase = { versions, claims, hospitalNames: NAMES };
      const one = countCase(read);
      if (one) counted.push(one);
    }
    return counted;
  }

  it('states every number as the test counts it from the cases, over hospitals, drugs and months', async () => {
    const counted = await countedCases();
    // The seed spans what the metrics must break down.
    expect(counted).toHaveLength(PLANS.filter((plan) => plan.decided).length + 1);
    expect(new Set(counted.map((c) => c.hospital)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(counted.flatMap((c) => c.drugs)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(counted.map((c) => c.month)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(counted.map((c) => c.outcome))).toEqual(
      new Set(['approved', 'denied', 'partial', 'documents-needed']),
    );

    const reply = await call(
      `${platform.base}/ClaimResponse/$decision-metrics?from=2026-10&to=2026-12`,
      reviewerToken,
    );
    expect(reply.status, JSON.stringify(reply.body).slice(0, 400)).toBe(200);
    assertValidR4(reply.body);
    expect(reply.body).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      period: { start: '2026-10-01T00:00:00+08:00', end: '2026-12-31T23:59:59+08:00' },
    });
    expect(reportedNumbers(reply.body)).toEqual(expectedNumbers(counted, '2026-10', '2026-12'));
    // Each drug named from the NHI drug list the guide carries.
    const drugs = (
      reply.body.group as {
        stratifier: {
          code: { coding: { code: string }[] }[];
          stratum: { value: { coding: { display?: string }[] } }[];
        }[];
      }[]
    )[0]?.stratifier.find((stratifier) => stratifier.code[0]?.coding[0]?.code === 'drug')?.stratum;
    expect(drugs?.length).toBeGreaterThanOrEqual(3);
    expect(drugs?.every((stratum) => (stratum.value.coding[0]?.display ?? '').length > 0)).toBe(true);

    // A narrower period counts only its months' decisions (01:00 on 1 December in Taiwan is December's).
    const november = await call(
      `${platform.base}/ClaimResponse/$decision-metrics?from=2026-11&to=2026-11`,
      reviewerToken,
    );
    expect(november.status).toBe(200);
    expect(reportedNumbers(november.body)).toEqual(expectedNumbers(counted, '2026-11', '2026-11'));
    expect(reportedNumbers(november.body)['approval-rate']?.overall?.[0]).toBe(4);
  });

  it('shows a new decision in the next answer, counts an appealed case by its first decision, and rebuilds the same numbers', async () => {
    const url = `${platform.base}/ClaimResponse/$decision-metrics?from=2026-10&to=2026-12`;
    const before = reportedNumbers((await call(url, reviewerToken)).body);
    if (!pending) throw new Error('no undecided case');
    await decideItems(pending.id, pending.claim, [4], '2026-12-04T10:00:00+08:00');
    const counted = await countedCases();
    const after = reportedNumbers((await call(url, reviewerToken)).body);
    expect(after).not.toEqual(before);
    expect(after).toEqual(expectedNumbers(counted, '2026-10', '2026-12'));
    expect(after['documents-needed-rate']?.overall?.[1]).toBe(
      (before['documents-needed-rate']?.overall?.[1] ?? 0) + 1,
    );

    const rows = await sql.query<{ outcome: string; appealed: boolean }>(
      'SELECT outcome, appealed FROM case_metrics WHERE appealed ORDER BY decided_at',
    );
    expect(rows).toEqual([
      { outcome: 'denied', appealed: true },
      { outcome: 'denied', appealed: true },
    ]);
    await sql.query('SELECT case_metrics_rebuild()');
    expect(reportedNumbers((await call(url, reviewerToken)).body)).toEqual(after);
  });

  it('never fails a write over what a ClaimResponse holds, and counts only a well-formed decision', async () => {
    const odd = [
      { resourceType: 'ClaimResponse', disposition: '審畢結果', extension: { url: 'x' }, item: 'none' },
      {
        resourceType: 'ClaimResponse',
        disposition: '審畢結果',
        request: 'Claim/x',
        extension: [
          {
            url: 'https://openpas.dev/fhir/StructureDefinition/status-history',
            extension: [
              { url: 'to', valueString: '審畢結果' },
              { url: 'at', valueDateTime: '2026-12-01' },
            ],
          },
          {
            url: 'https://openpas.dev/fhir/StructureDefinition/requested-medication',
            valueCodeableConcept: { coding: 'x' },
          },
        ],
        item: [{ adjudication: { reason: 1 } }],
      },
    ];
    for (const [index, content] of odd.entries())
      await sql.execute(
        "INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, content) VALUES ('ClaimResponse', $1, 1, now(), $2::jsonb)",
        [`odd-${index}`, JSON.stringify(content)],
      );
    expect(await sql.query("SELECT * FROM case_metrics WHERE claim_response_id LIKE 'odd-%'")).toEqual([]);
    await sql.execute("DELETE FROM fhir_resource WHERE id LIKE 'odd-%'");
  });

  it('answers only a payer reviewer: a hospital and a clinician get 403', async () => {
    const url = `${platform.base}/ClaimResponse/$decision-metrics`;
    const hospital = await call(url, hospitalToken);
    expect(hospital.status).toBe(403);
    expect(hospital.body.resourceType).toBe('OperationOutcome');
    const clinician = await users.token('openid fhirUser user/ClaimResponse.rs', { username: 'clinician' });
    const refused = await call(url, clinician);
    expect(refused.status).toBe(403);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect((await call(url, undefined)).status).toBe(401);
  });

  it.each([
    ['from=2026-13', 'from'],
    ['to=26-10', 'to'],
    ['from=2026-12&to=2026-10', 'from'],
    ['from=2000-01&to=2026-12', 'from'],
    ['month=2026-10', 'month'],
  ])('refuses %s with a 400 OperationOutcome naming %s', async (query, expression) => {
    const reply = await call(`${platform.base}/ClaimResponse/$decision-metrics?${query}`, reviewerToken);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', expression: [expression] }],
    });
  });

  it('is in the CapabilityStatement', async () => {
    const metadata = await call(`${platform.base}/metadata`, undefined);
    const claimResponse = (
      metadata.body.rest as { resource: { type: string; operation?: { name: string }[] }[] }[]
    )[0]?.resource.find((resource) => resource.type === 'ClaimResponse');
    expect(claimResponse?.operation?.map((operation) => operation.name)).toContain('decision-metrics');
  });
});
