-- CreateTable
CREATE TABLE "case_metrics" (
    "claim_response_id" TEXT NOT NULL,
    "owner_organization" UUID,
    "drug_codes" TEXT[],
    "accepted_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_month" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "appealed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "case_metrics_pkey" PRIMARY KEY ("claim_response_id")
);

-- CreateTable
CREATE TABLE "case_metrics_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "case_metrics_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_metrics_decided_month_idx" ON "case_metrics"("decided_month");

-- The one counter row (raised by case_metrics_apply whenever a row is added or marked appealed).
INSERT INTO "case_metrics_version" ("id", "version") VALUES (1, 0);

-- The projection is kept by the database itself, from each version of a case's ClaimResponse as it is
-- written (written by hand; Prisma does not model triggers), so it is in the transaction of every workflow
-- change — intake, resubmission, $decide, a payer's PUT — and can never disagree with the stored case.
--
-- case_metrics_apply(id, content, owner) reads one version of a ClaimResponse:
--   * the case's current Claim (ClaimResponse.request) has subType 3 申復 or 4 爭議審議 → the case is
--     appealed (only a decided case can be continued so);
--   * the version is 審畢結果 and the case has no row yet → its first decision: the time of the latest
--     status-history entry to 審畢結果 (the decision these items carry), the latest 已受理 before it (the
--     acceptance of that round), its month in Taiwan time, the NHI drug codes of requested-medication, and
--     the outcome from the items' adjudication reasons: any 4 → documents-needed; all 1 → approved; all 2
--     or 5 (退件 counts as denied) → denied; otherwise partial.
-- A JSON array as it is, anything else as []: what a resource holds never makes the trigger fail a write.
CREATE FUNCTION "case_metrics_array"(j JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'array' THEN j ELSE '[]'::jsonb END
$$;

-- A FHIR dateTime with a time and a zone, as a timestamptz; NULL for anything else.
CREATE FUNCTION "case_metrics_instant"(t TEXT) RETURNS TIMESTAMPTZ LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN t ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$' THEN t::timestamptz END
$$;

--
-- Its lookups are by primary key; planned for each call (not a plan cached while the tables were small,
-- which a bulk insert would keep using as they grow).
CREATE FUNCTION "case_metrics_apply"(p_id TEXT, p_content JSONB, p_owner UUID) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  v_subtype TEXT;
  v_decided TEXT;
  v_accepted TEXT;
  v_reasons TEXT[];
  v_drugs TEXT[];
  v_outcome TEXT;
BEGIN
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
  IF p_content->>'disposition' IS DISTINCT FROM '審畢結果'
     OR EXISTS (SELECT 1 FROM "case_metrics" WHERE "claim_response_id" = p_id) THEN
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

CREATE FUNCTION "case_metrics_on_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "case_metrics_apply"(NEW."id", NEW."content", NEW."owner_organization");
  RETURN NULL;
END $$;

CREATE TRIGGER "case_metrics_on_write" AFTER INSERT OR UPDATE OF "content" ON "fhir_resource"
  FOR EACH ROW WHEN (NEW."resource_type" = 'ClaimResponse') EXECUTE FUNCTION "case_metrics_on_write"();

-- The backfill, and a rebuild at will: every stored version of every ClaimResponse, oldest first, through
-- the same function (so a case decided, appealed and decided again counts by its first decision).
CREATE FUNCTION "case_metrics_rebuild"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v RECORD;
BEGIN
  DELETE FROM "case_metrics";
  FOR v IN
    SELECT h."id", h."content", r."owner_organization"
      FROM "fhir_resource_version" h
      JOIN "fhir_resource" r ON r."resource_type" = h."resource_type" AND r."id" = h."id"
     WHERE h."resource_type" = 'ClaimResponse' AND NOT h."deleted"
     ORDER BY h."id", h."version_id"
  LOOP
    PERFORM "case_metrics_apply"(v."id", v."content", v."owner_organization");
  END LOOP;
  UPDATE "case_metrics_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN (SELECT count(*) FROM "case_metrics");
END $$;

SELECT "case_metrics_rebuild"();
