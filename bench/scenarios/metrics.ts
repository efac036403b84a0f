// decision-metrics (issue 13): GET ClaimResponse/$decision-metrics as the payer's signed-in reviewer, over
// BENCH_METRICS_CASES decided cases (default 100,000) in 20 hospitals, 30 drugs and 24 months, the whole
// period asked for (every case counted). The cases are bulk-inserted as decided ClaimResponses shaped like
// the workflow's (status history with 已受理 and 審畢結果, item adjudication reasons, requested
// medication), with a 申復 Claim behind every 20th, so case_metrics is filled by the migration's trigger as
// on the real path; the row's note records how long that insert took.
import { openDatabase } from '@openpas/db';
import type { Platform } from '../../apps/fhir/test/harness.ts';
import { userTokens } from '../../apps/fhir/test/user-tokens.ts';
import { startFhirWorld } from '../lib/fhir-fixture.ts';
import type { Scenario } from '../run.ts';

const cases = Number(process.env.BENCH_METRICS_CASES ?? 100_000);
const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rs';
const HISTORY = 'https://openpas.dev/fhir/StructureDefinition/status-history';
const MEDICATION = 'https://openpas.dev/fhir/StructureDefinition/requested-medication';
const DRUGS = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication';
const APPROVE = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment';

/** A status-history entry as the workflow writes it, `at` a timestamptz shown in Taiwan time. */
const entry = (action: string, to: string, at: string) => `jsonb_build_object('url','${HISTORY}','extension',
  jsonb_build_array(jsonb_build_object('url','action','valueCode','${action}'),
    jsonb_build_object('url','to','valueString','${to}'),
    jsonb_build_object('url','at','valueDateTime', to_char(${at} AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00'),
    jsonb_build_object('url','actorKind','valueCode','system'), jsonb_build_object('url','actorId','valueString','bench')))`;

const STATEMENTS = [
  `INSERT INTO organization (id, kind, nhi_code, name, updated_at)
   SELECT gen_random_uuid(), 'hospital', '09' || lpad(h::text, 8, '0'), '效能測試醫院 ' || h, now()
     FROM generate_series(1, 18) AS h`,
  // Every 20th case was appealed: its ClaimResponse names a 申復 (subType 3) Claim.
  `INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, content)
   SELECT 'Claim', 'mc-' || i, 1, now(), jsonb_build_object('resourceType','Claim','id','mc-' || i,
     'subType', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code','3'))))
     FROM generate_series(0, ${cases} - 1, 20) AS i`,
  `INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, content, owner_organization)
   SELECT 'ClaimResponse', 'mr-' || i, 1, now(), jsonb_build_object(
       'resourceType','ClaimResponse','id','mr-' || i,'status','active','use','preauthorization',
       'outcome','complete','disposition','審畢結果',
       'request', jsonb_build_object('reference', 'Claim/mc-' || i),
       'extension', jsonb_build_array(
         ${entry('accept', '已受理', 'accepted')},
         ${entry('start-review', '審查中', 'accepted')},
         ${entry('decide', '審畢結果', 'decided')},
         jsonb_build_object('url','${MEDICATION}','valueCodeableConcept', jsonb_build_object('coding',
           jsonb_build_array(jsonb_build_object('system','${DRUGS}','code','BC' || lpad((i % 30)::text, 8, '0')))))),
       'item', jsonb_build_array(jsonb_build_object('itemSequence', 1, 'adjudication', jsonb_build_array(
         jsonb_build_object('reason', jsonb_build_object('coding', jsonb_build_array(
           jsonb_build_object('system','${APPROVE}','code', (ARRAY['1','1','1','1','1','2','2','5','3','4'])[1 + i % 10])))))))),
     orgs.ids[1 + i % array_length(orgs.ids, 1)]
     FROM generate_series(0, ${cases} - 1) AS i,
          (SELECT array_agg(id ORDER BY nhi_code) AS ids FROM organization WHERE kind = 'hospital') AS orgs,
          LATERAL (SELECT timestamptz '2025-01-01 09:00+08' + ((i % 725) || ' days')::interval + ((i % 9) || ' hours')::interval AS accepted) AS a,
          LATERAL (SELECT a.accepted + (((i * 37) % 400) || ' hours')::interval AS decided) AS d`,
  'ANALYZE',
];

export const scenarios: Scenario[] = [
  {
    name: 'decision-metrics',
    async setup() {
      const world = await startFhirWorld(0);
      const db = await openDatabase({ url: world.databaseUrl });
      const started = performance.now();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: world.databaseUrl });
      await client.connect();
      for (const statement of STATEMENTS) await client.query(statement);
      const seconds = (performance.now() - started) / 1000;
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM case_metrics');
      await client.end();
      if (Number(rows[0]?.n) !== cases)
        throw new Error(`case_metrics holds ${rows[0]?.n} rows, not ${cases}`);
      const users = await userTokens(
        db,
        { issuer: world.issuer, base: world.base } as Platform,
        'bench-review',
        REVIEW_SCOPES,
      );
      const token = await users.token(REVIEW_SCOPES, { username: 'reviewer' });
      await users.close();
      await db.close();
      const url = `${world.base}/ClaimResponse/$decision-metrics?from=2025-01&to=2026-12`;
      const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (check.status !== 200) throw new Error(`$decision-metrics answered ${check.status}`);
      return {
        load: { url, headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } },
        database: `postgresql, ${cases} decided cases (inserted with the trigger in ${seconds.toFixed(0)} s)`,
        memory: world.memory,
        sameWork: world.sameWork,
        stop: world.stop,
      };
    },
  },
];
