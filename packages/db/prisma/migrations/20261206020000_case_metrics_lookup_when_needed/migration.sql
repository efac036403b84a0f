-- case_metrics_apply runs on every write of a ClaimResponse, submissions included (an intake's insert and
-- the acceptance number's fill at commit), and began each by reading the case's Claim for its subType:
-- about 1.3 ms of PostgreSQL time a call, twice a submission, for nothing. The Claim is read now only when
-- its answer is used: a row of the case to mark appealed, or a decision to record. What it does is
-- unchanged (marking appealed needs a row, which only a decision makes).
CREATE OR REPLACE FUNCTION "case_metrics_apply"(p_id TEXT, p_content JSONB, p_owner UUID) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  v_recorded BOOLEAN;
  v_subtype TEXT;
  v_decided TEXT;
  v_accepted TEXT;
  v_reasons TEXT[];
  v_drugs TEXT[];
  v_outcome TEXT;
BEGIN
  v_recorded := EXISTS (SELECT 1 FROM "case_metrics" WHERE "claim_response_id" = p_id);
  -- Neither a row to mark appealed nor a decision to record: nothing to read.
  IF NOT v_recorded AND p_content->>'disposition' IS DISTINCT FROM '審畢結果' THEN
    RETURN;
  END IF;
  SELECT c."content"->'subType'->'coding'->0->>'code' INTO v_subtype
    FROM "fhir_resource" c
   WHERE c."resource_type" = 'Claim'
     AND c."id" = regexp_replace(coalesce(p_content->'request'->>'reference', ''), '^Claim/', '');
  IF v_subtype IN ('3', '4') THEN
    UPDATE "case_metrics" SET "appealed" = true WHERE "claim_response_id" = p_id AND NOT "appealed";
    IF FOUND THEN
      UPDATE "case_metrics_version" SET "version" = "version" + 1 WHERE "id" = 1;
    END IF;
  END IF;
  IF p_content->>'disposition' IS DISTINCT FROM '審畢結果' OR v_recorded THEN
    RETURN;
  END IF;
  WITH entries AS (
    SELECT x.n,
           (SELECT p->>'valueString' FROM jsonb_array_elements("case_metrics_array"(x.e->'extension')) p WHERE p->>'url' = 'to') AS to_status,
           (SELECT p->>'valueDateTime' FROM jsonb_array_elements("case_metrics_array"(x.e->'extension')) p WHERE p->>'url' = 'at') AS at
      FROM jsonb_array_elements("case_metrics_array"(p_content->'extension')) WITH ORDINALITY AS x(e, n)
     WHERE x.e->>'url' = 'https://openpas.dev/fhir/StructureDefinition/status-history'
  ), decision AS (
    SELECT entries.n, entries.at FROM entries WHERE to_status = '審畢結果' ORDER BY entries.n DESC LIMIT 1
  )
  SELECT d.at,
         (SELECT e.at FROM entries e WHERE e.to_status = '已受理' AND e.n < d.n ORDER BY e.n DESC LIMIT 1)
    INTO v_decided, v_accepted
    FROM decision d;
  IF "case_metrics_instant"(v_decided) IS NULL THEN
    RETURN;
  END IF;
  SELECT coalesce(array_agg(coalesce(i->'adjudication'->0->'reason'->'coding'->0->>'code', '')), '{}')
    INTO v_reasons
    FROM jsonb_array_elements("case_metrics_array"(p_content->'item')) i;
  v_outcome := CASE
    WHEN '4' = ANY (v_reasons) THEN 'documents-needed'
    WHEN v_reasons <@ ARRAY['1'] THEN 'approved'
    WHEN v_reasons <@ ARRAY['2', '5'] THEN 'denied'
    ELSE 'partial'
  END;
  SELECT coalesce(array_agg(DISTINCT c->>'code'), '{}') INTO v_drugs
    FROM jsonb_array_elements("case_metrics_array"(p_content->'extension')) e,
         jsonb_array_elements("case_metrics_array"(e->'valueCodeableConcept'->'coding')) c
   WHERE e->>'url' = 'https://openpas.dev/fhir/StructureDefinition/requested-medication'
     AND c->>'system' = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication'
     AND c->>'code' IS NOT NULL;
  INSERT INTO "case_metrics" ("claim_response_id", "owner_organization", "drug_codes", "accepted_at",
                              "decided_at", "decided_month", "outcome", "appealed")
  VALUES (p_id, p_owner, v_drugs, "case_metrics_instant"(v_accepted), v_decided::timestamptz,
          to_char(v_decided::timestamptz AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM'), v_outcome,
          coalesce(v_subtype IN ('3', '4'), false))
  ON CONFLICT ("claim_response_id") DO NOTHING;
  IF FOUND THEN
    UPDATE "case_metrics_version" SET "version" = "version" + 1 WHERE "id" = 1;
  END IF;
END $$;
