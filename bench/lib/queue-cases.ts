// The payer's queue at scale: N cases (a Claim and its ClaimResponse each) written through the store's own
// createResources (index rows included), cloned from what the workflow's intake makes of the sandbox cases,
// spread over two hospitals, the sandbox drugs, three statuses and three months of due dates.
import { openDatabase, openFastSql } from '@openpas/db';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import { createResources } from '@openpas/fhir-store/workflow';
import { intake, REVIEW_FINISHED, UNDER_REVIEW, withReviewDue } from '@openpas/workflow';

const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function fillQueue(databaseUrl: string, cases: number): Promise<void> {
  const db = await openDatabase({ url: databaseUrl });
  const sql = await openFastSql(db);
  const hospitals = await sql.query<{ id: string; owner: string; code: string }>(
    `SELECT r.id, o.id::text AS owner, o.nhi_code AS code FROM fhir_resource r
     JOIN organization o ON r.content->'identifier' @> jsonb_build_array(jsonb_build_object('value', o.nhi_code))
     WHERE r.resource_type = 'Organization' AND o.nhi_code IN ('0101090517', '0131020016')`,
  );
  if (hospitals.length === 0) throw new Error('the sandbox has no hospital Organization resources');
  const at = new Date();
  const templates = SANDBOX_CASE_KEYS.map((key, index) => intake(sandboxRequestBundle(key), at, index + 1));
  const statuses = [undefined, UNDER_REVIEW, REVIEW_FINISHED] as const;
  for (let start = 0; start < cases; start += BATCH) {
    const byOwner = new Map<string, object[]>();
    for (let i = start; i < Math.min(cases, start + BATCH); i += 1) {
      const template = templates[i % templates.length];
      const hospital = hospitals[i % hospitals.length];
      if (!template || !hospital) continue;
      // Three months of acceptances, a few seconds apart, as a busy payer's are.
      const accepted = new Date(at.getTime() - (i % 90) * DAY_MS - (i % 7919) * 1000);
      const claim = { ...structuredClone(template.claim), id: `qc-${i}` };
      const status = statuses[i % statuses.length];
      const response = {
        ...withReviewDue(structuredClone(template.claimResponse), accepted.toISOString()),
        id: `qr-${i}`,
        request: { reference: `Claim/qc-${i}` },
        requestor: { reference: `Organization/${hospital.id}` },
        patient: { reference: `Patient/qp-${i % 5000}` },
        ...(status ? { disposition: status } : {}),
      };
      const list = byOwner.get(hospital.owner) ?? [];
      list.push(claim, response);
      byOwner.set(hospital.owner, list);
    }
    for (const [owner, resources] of byOwner) {
      await sql.transaction((tx) => createResources(tx, resources as never, { owner, keepId: true }));
    }
    // Fresh statistics as the tables grow, in autovacuum's place where it is off (as on the test
    // PostgreSQL): planned for empty tables, each insert's lookups scan — 35 min for 100,000 cases, not 2.
    if ((start / BATCH) % 10 === 9) await sql.execute('ANALYZE');
  }
  await sql.execute('ANALYZE');
  await sql.close();
  await db.close();
}
