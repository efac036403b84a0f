-- New resources' rows (current row, first version row, search index rows) are written by one function,
-- fhir_new_rows_insert, from the JSON document packages/fhir-store builds (NewResourceRows: {"at", "owner",
-- "resources": [{resource_type, id, content, patient_id}], "index": {"tokens", "strings", "dates",
-- "references", "numbers"}}). The application's create statement calls it, and so does the draw at a
-- submission's commit for the rows held for it, which wrote the same INSERTs inline: one definition of the
-- columns instead of two. (It costs what the statement with a CTE per table cost: what pg_stat_statements
-- showed as that statement's planning was the cast of its JSON parameter, folded at plan time.)
CREATE OR REPLACE FUNCTION "fhir_new_rows_insert"(doc JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  new_at TIMESTAMPTZ := (doc ->> 'at')::timestamptz;
  new_owner UUID := (doc ->> 'owner')::uuid;
BEGIN
  WITH rows AS (
    SELECT * FROM jsonb_to_recordset(doc -> 'resources')
      AS r(resource_type text, id text, content jsonb, patient_id text)
  ), current AS (
    INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, deleted, content, owner_organization,
      patient_id)
    SELECT r.resource_type, r.id, 1, new_at, false, r.content, new_owner, r.patient_id FROM rows r
  )
  INSERT INTO fhir_resource_version (resource_type, id, version_id, last_updated, deleted, method, content)
  SELECT r.resource_type, r.id, 1, new_at, false, 'create', r.content FROM rows r;
  IF jsonb_array_length(COALESCE(doc -> 'index' -> 'tokens', '[]')) > 0 THEN
    INSERT INTO search_token (resource_type, resource_id, param, system, code, text)
    SELECT r.resource_type, r.resource_id, r.param, r.system, r.code, r.text
    FROM jsonb_to_recordset(doc -> 'index' -> 'tokens')
      AS r(resource_type text, resource_id text, param text, system text, code text, text text);
  END IF;
  IF jsonb_array_length(COALESCE(doc -> 'index' -> 'strings', '[]')) > 0 THEN
    INSERT INTO search_string (resource_type, resource_id, param, value)
    SELECT r.resource_type, r.resource_id, r.param, r.value
    FROM jsonb_to_recordset(doc -> 'index' -> 'strings')
      AS r(resource_type text, resource_id text, param text, value text);
  END IF;
  IF jsonb_array_length(COALESCE(doc -> 'index' -> 'dates', '[]')) > 0 THEN
    INSERT INTO search_date (resource_type, resource_id, param, start, "end")
    SELECT r.resource_type, r.resource_id, r.param, r.start, r."end"
    FROM jsonb_to_recordset(doc -> 'index' -> 'dates')
      AS r(resource_type text, resource_id text, param text, start timestamptz, "end" timestamptz);
  END IF;
  IF jsonb_array_length(COALESCE(doc -> 'index' -> 'references', '[]')) > 0 THEN
    INSERT INTO search_reference (resource_type, resource_id, param, target_type, target_id)
    SELECT r.resource_type, r.resource_id, r.param, r.target_type, r.target_id
    FROM jsonb_to_recordset(doc -> 'index' -> 'references')
      AS r(resource_type text, resource_id text, param text, target_type text, target_id text);
  END IF;
  IF jsonb_array_length(COALESCE(doc -> 'index' -> 'numbers', '[]')) > 0 THEN
    INSERT INTO search_number (resource_type, resource_id, param, value, system, code)
    SELECT r.resource_type, r.resource_id, r.param, r.value, r.system, r.code
    FROM jsonb_to_recordset(doc -> 'index' -> 'numbers')
      AS r(resource_type text, resource_id text, param text, value numeric, system text, code text);
  END IF;
END $$;

-- The draw at commit, as in 20261206042541_bundle_written_at_commit but for the held rows' INSERTs, now the
-- function above.
CREATE OR REPLACE FUNCTION "pending_acceptance_draw"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  drawn BIGINT;
  digits TEXT[];
  target RECORD;
  setting RECORD;
  doc JSONB;
  doc_version INTEGER;
  notifications BIGINT[];
  resource_types TEXT[];
  resource_ids TEXT[];
BEGIN
  INSERT INTO sequence_counter (name, value) VALUES (NEW.counter, 1)
  ON CONFLICT (name) DO UPDATE SET value = sequence_counter.value + 1
  RETURNING value INTO drawn;
  -- The hospital's numbers of the day are used up: the commit fails, and the transaction gives it back.
  IF drawn > NEW.max_sequence THEN
    RAISE EXCEPTION 'sequence % must be an integer from 1 to %', drawn, NEW.max_sequence
      USING ERRCODE = 'PA001';
  END IF;
  SELECT array_agg(lpad(drawn::text, w, '0') ORDER BY n) INTO digits
  FROM unnest(NEW.widths) WITH ORDINALITY AS x(w, n);

  -- "created": {"at", "owner", "resources": [{resource_type, id, content, patient_id}], "index": {"tokens":
  -- […], "strings", "dates", "references", "numbers"}}: new resources, each stored as version 1 with its
  -- index rows, the digits in place.
  IF NEW.created IS NOT NULL THEN
    PERFORM "fhir_new_rows_insert"(pending_acceptance_text(NEW.created, NEW.placeholders, digits)::jsonb);
  END IF;

  -- "values": [{"type", "id", "values": [{"path": [...], "text"}]}]: each resource stored earlier in the
  -- transaction that holds placeholders and where; its current row and the row of that version get the same
  -- document.
  FOR target IN
    SELECT e ->> 'type' AS resource_type, e ->> 'id' AS id, e -> 'values' AS settings
    FROM jsonb_array_elements(NEW."values") AS e
  LOOP
    SELECT f.content, f.version_id INTO doc, doc_version FROM fhir_resource f
    WHERE f.resource_type = target.resource_type AND f.id = target.id;
    FOR setting IN SELECT v -> 'path' AS path, v ->> 'text' AS text FROM jsonb_array_elements(target.settings) AS v
    LOOP
      doc := jsonb_set(doc, ARRAY(SELECT jsonb_array_elements_text(setting.path)),
        to_jsonb(pending_acceptance_text(setting.text, NEW.placeholders, digits)), false);
    END LOOP;
    UPDATE fhir_resource SET content = doc WHERE resource_type = target.resource_type AND id = target.id;
    UPDATE fhir_resource_version SET content = doc
    WHERE resource_type = target.resource_type AND id = target.id AND version_id = doc_version;
  END LOOP;

  -- Each (type, id) pair, as two arrays unnested side by side: the UPDATEs reach the index rows through the
  -- (resource_type, resource_id) index whatever the planner's statistics say (with sets of types and ids it
  -- may walk a type's whole index).
  SELECT array_agg(e ->> 'type'), array_agg(e ->> 'id') INTO resource_types, resource_ids
  FROM jsonb_array_elements(NEW."values") AS e;
  IF resource_types IS NOT NULL THEN
    UPDATE search_token t
    SET code = pending_acceptance_text(t.code, NEW.placeholders, digits),
        text = pending_acceptance_text(t.text, NEW.placeholders, digits)
    FROM unnest(resource_types, resource_ids) AS k(resource_type, resource_id)
    WHERE t.resource_type = k.resource_type AND t.resource_id = k.resource_id
      AND (strpos(t.code, NEW.mark) > 0 OR strpos(t.text, NEW.mark) > 0);

    UPDATE search_string s SET value = pending_acceptance_text(s.value, NEW.placeholders, digits)
    FROM unnest(resource_types, resource_ids) AS k(resource_type, resource_id)
    WHERE s.resource_type = k.resource_type AND s.resource_id = k.resource_id
      AND strpos(s.value, NEW.mark) > 0;
  END IF;

  -- NEW is the row as inserted; the outbox rows may have been named after (queued later in the transaction).
  SELECT p.notification_ids INTO notifications FROM pending_acceptance p WHERE p.mark = NEW.mark;
  UPDATE notification_outbox
  SET payload = pending_acceptance_text(payload::text, NEW.placeholders, digits)::jsonb
  WHERE id = ANY(notifications);

  INSERT INTO audit_event (action, subtype, outcome, outcome_desc, request_id, client_id, user_id,
    organization_id, source_address, resource_type, resource_id, query, detail)
  SELECT a ->> 'action', a ->> 'subtype', (a ->> 'outcome')::INTEGER, a ->> 'outcome_desc',
    a ->> 'request_id', a ->> 'client_id', a ->> 'user_id', a ->> 'organization_id', a ->> 'source_address',
    a ->> 'resource_type', a ->> 'resource_id', a ->> 'query',
    COALESCE(pending_acceptance_text(a ->> 'detail', NEW.placeholders, digits)::jsonb, '{}'::jsonb)
  FROM jsonb_array_elements(NEW.audits) WITH ORDINALITY AS e(a, n)
  ORDER BY e.n;

  UPDATE pending_acceptance SET sequence = drawn WHERE mark = NEW.mark;
  RETURN NULL;
END $$;
