-- A submission's acceptance number is drawn at COMMIT, by a deferred constraint trigger, instead of by a
-- statement the application sends before it. The counter row stays locked from the draw until the commit
-- ends (rolled-back transactions give their number back: the committed numbers stay gapless), but no
-- longer across round trips to a busy application: under load, each round trip waited behind other
-- requests' work, and one hospital's submissions queued on the lock for that long.
--
-- The submission stores its case with a placeholder where the number's digits go (an unguessable mark), and
-- inserts one pending_acceptance row naming its counter, its placeholders, the values that hold them (each
-- resource's paths, so that only those values are set: a whole-document rewrite of the submitted Bundle
-- costs several times more) and the audit events to append once the number is known. At commit the trigger
-- takes the counter's next value, fills the placeholders (current and version row of each resource, its
-- token and string index rows, the submission's outbox rows), appends the audit events with their detail
-- filled, and writes the sequence on the pending row, which the application reads (and removes) after the
-- commit.
CREATE TABLE "pending_acceptance" (
    "mark" TEXT NOT NULL,
    "counter" TEXT NOT NULL,
    "placeholders" TEXT[] NOT NULL,
    "widths" INTEGER[] NOT NULL,
    "max_sequence" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "notification_ids" BIGINT[] NOT NULL,
    "audits" JSONB NOT NULL,
    "sequence" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_acceptance_pkey" PRIMARY KEY ("mark")
);

-- `t` with placeholders[i] replaced by digits[i], in turn.
CREATE FUNCTION "pending_acceptance_text"(t TEXT, placeholders TEXT[], digits TEXT[]) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  out TEXT := t;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  FOR i IN 1 .. coalesce(array_length(placeholders, 1), 0) LOOP
    out := replace(out, placeholders[i], digits[i]);
  END LOOP;
  RETURN out;
END $$;

CREATE FUNCTION "pending_acceptance_draw"() RETURNS trigger LANGUAGE plpgsql AS $$
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

  -- "values": [{"type", "id", "values": [{"path": [...], "text"}]}]: each resource that holds placeholders
  -- and where; its current row and the row of that version get the same document.
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

CREATE CONSTRAINT TRIGGER "pending_acceptance_draw_at_commit" AFTER INSERT ON "pending_acceptance"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pending_acceptance_draw"();

-- Resource documents are compressed with lz4 where the server has it (PostgreSQL built with lz4, as the
-- Debian and official builds are; not the embedded PGlite, which keeps pglz): about twice as fast to write
-- as pglz, and a submission writes and then numbers a large Bundle document. New values only; stored ones
-- stay as they are until they are next written.
DO $$
BEGIN
  ALTER TABLE "fhir_resource" ALTER COLUMN "content" SET COMPRESSION lz4;
  ALTER TABLE "fhir_resource_version" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
