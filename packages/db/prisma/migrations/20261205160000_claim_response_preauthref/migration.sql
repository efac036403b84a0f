-- The workflow now answers each case with its acceptance number (受理編號) as ClaimResponse.preAuthRef, so
-- that the payer's queue reads it off the case. Cases stored before get it from their current Claim, in the
-- current row and in that version's row (a derived value added in place: no new version).
WITH numbers AS (
  SELECT cr.id, cr.version_id, n.value AS number
  FROM fhir_resource cr
  JOIN fhir_resource c
    ON c.resource_type = 'Claim' AND c.id = substr(cr.content -> 'request' ->> 'reference', 7)
  CROSS JOIN LATERAL (
    SELECT i ->> 'value' AS value
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.content -> 'identifier') = 'array'
                                   THEN c.content -> 'identifier' ELSE '[]'::jsonb END) AS i
    WHERE i ->> 'use' = 'official' AND i ? 'value'
    LIMIT 1
  ) n
  WHERE cr.resource_type = 'ClaimResponse'
    AND NOT cr.deleted
    AND NOT (cr.content ? 'preAuthRef')
    AND cr.content -> 'request' ->> 'reference' LIKE 'Claim/%'
),
current_rows AS (
  UPDATE fhir_resource f
  SET content = jsonb_set(f.content, '{preAuthRef}', to_jsonb(n.number))
  FROM numbers n
  WHERE f.resource_type = 'ClaimResponse' AND f.id = n.id
)
UPDATE fhir_resource_version v
SET content = jsonb_set(v.content, '{preAuthRef}', to_jsonb(n.number))
FROM numbers n
WHERE v.resource_type = 'ClaimResponse' AND v.id = n.id AND v.version_id = n.version_id;
