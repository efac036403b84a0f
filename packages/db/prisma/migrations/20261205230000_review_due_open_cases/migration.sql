-- The review-due search parameter now indexes a case's due date only while the case awaits its decision
-- (disposition 已受理 accepted or 審查中 under review; @openpas/fhir-store's parameters-openpas.ts), so that
-- the payer's queue, which walks that index in date order, passes open cases only. Cases stored before keep
-- index rows for their due date whatever their state: those of cases not open are removed here, as the
-- index would have written them.
DELETE FROM search_date d
USING fhir_resource f
WHERE d.resource_type = 'ClaimResponse'
  AND d.param = 'review-due'
  AND f.resource_type = 'ClaimResponse'
  AND f.id = d.resource_id
  AND (f.deleted OR f.content ->> 'disposition' IS NULL OR f.content ->> 'disposition' NOT IN ('已受理', '審查中'));
