-- A submission looks up the hospital's own Patient record of each national ID in its Bundle
-- (packages/fhir-store/src/submission/chart-patients.ts): for each ID with a record, one record and whether
-- there is another. Planned on every submission, the statement took longer to plan (about 0.4 ms) than to
-- run; a PL/pgSQL function keeps its plan for the connection's life.
CREATE OR REPLACE FUNCTION "chart_patient_records"(id_system TEXT, national_ids TEXT[], owner UUID)
RETURNS TABLE ("code" TEXT, "id" TEXT, "more" BOOLEAN) LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT w.code, one.id,
         EXISTS (
           SELECT 1 FROM search_token t
           JOIN fhir_resource r ON r.resource_type = 'Patient' AND r.id = t.resource_id
             AND r.owner_organization = owner AND NOT r.deleted
           WHERE t.resource_type = 'Patient' AND t.param = 'identifier' AND t.system = id_system
             AND t.code = w.code AND r.id <> one.id)
  FROM unnest(national_ids) AS w(code)
  CROSS JOIN LATERAL (
    SELECT r.id FROM search_token t
    JOIN fhir_resource r ON r.resource_type = 'Patient' AND r.id = t.resource_id
      AND r.owner_organization = owner AND NOT r.deleted
    WHERE t.resource_type = 'Patient' AND t.param = 'identifier' AND t.system = id_system
      AND t.code = w.code
    LIMIT 1) one;
END $$;
