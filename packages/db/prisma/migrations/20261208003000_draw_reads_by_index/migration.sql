-- The draw at a submission's commit sets the digits in the index rows of the resources written earlier in the
-- transaction, found by (resource_type, resource_id). A connection keeps a PL/pgSQL function's plans, and
-- once it has run the draw a few times it uses a generic one, made for any types and ids: made while the
-- tables were small (a new database), it read search_string whole at every commit. On the bench, 30
-- submissions a second, that was ~2,200 rows a commit 10 to 20 s into the run, and it grows with every case.
-- Sequential scans are off inside the draw: every row it reads or changes is reached through a key or an
-- index, whatever the plan was made for.
ALTER FUNCTION "pending_acceptance_draw"() SET enable_seqscan = off;
