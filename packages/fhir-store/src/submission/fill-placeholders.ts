import type { SqlRunner } from '@openpas/db';
import { type AuditInput, auditInsert } from '../audit/record.ts';

// A submission stores its case before it draws its acceptance number (the counter stays locked from the
// draw to the commit, so the draw comes last): the rows it wrote carry a placeholder — an unguessable mark —
// where the number's digits go. Right before the commit, one statement puts the digits in: the current and
// the new version row of each resource that holds the mark, its token and string index rows and the outbox
// rows of the submission — and appends the submission's audit events (the trail is append-only, so they
// are written once, complete). Nothing else holds the mark, so nothing is left with it.

/** Each placeholder and what it becomes; every placeholder contains `mark`. */
export interface PlaceholderFill {
  readonly mark: string;
  readonly substitutions: readonly { readonly placeholder: string; readonly value: string }[];
}

/** The rows of one transaction that hold placeholders. */
export interface PlaceholderRows {
  /** Resources whose current version (written in this transaction) holds the mark. */
  readonly resources: readonly { readonly resourceType: string; readonly id: string }[];
  /** notification_outbox ids */
  readonly notifications?: readonly string[];
}

function fillText(text: string, fill: PlaceholderFill): string {
  if (!text.includes(fill.mark)) return text;
  return fill.substitutions.reduce((out, { placeholder, value }) => out.replaceAll(placeholder, value), text);
}

function filledAudit(input: AuditInput, fill: PlaceholderFill): AuditInput {
  if (!input.detail) return input;
  const detail = Object.fromEntries(
    Object.entries(input.detail).map(([key, value]) => [
      key,
      typeof value === 'string' ? fillText(value, fill) : value,
    ]),
  );
  return { ...input, detail };
}

/** Fills the placeholders of `rows` and appends `audits` (their detail filled too), in one statement. */
export async function fillPlaceholders(
  tx: SqlRunner,
  fill: PlaceholderFill,
  rows: PlaceholderRows,
  audits: readonly AuditInput[] = [],
): Promise<void> {
  if (fill.substitutions.some(({ placeholder }) => !placeholder.includes(fill.mark)))
    throw new Error('every placeholder contains the mark');
  // Keys as arrays, so that every UPDATE reaches its rows through the primary key or the (resource_type,
  // resource_id) index whatever the planner guesses (ids are uuids: no pair matches by mistake).
  const params: unknown[] = [
    fill.mark,
    [...new Set(rows.resources.map((key) => key.resourceType))],
    rows.resources.map((key) => key.id),
    [...(rows.notifications ?? [])],
  ];
  // replace(replace(<text>, $5, $6), $7, $8) …: the placeholders in turn.
  const first = params.length + 1;
  for (const { placeholder, value } of fill.substitutions) params.push(placeholder, value);
  const filled = (text: string) =>
    fill.substitutions.reduce(
      (expr, _, n) => `replace(${expr}, $${first + 2 * n}, $${first + 2 * n + 1})`,
      text,
    );
  const audit = auditInsert(
    audits.map((input) => filledAudit(input, fill)),
    params.length + 1,
  );
  params.push(...audit.params);
  await tx.execute(
    `WITH current AS (
       UPDATE fhir_resource f SET content = ${filled('f.content::text')}::jsonb
       WHERE f.resource_type = ANY($2::text[]) AND f.id = ANY($3::text[])
       RETURNING f.resource_type, f.id, f.version_id, f.content),
     -- The version row takes the current row's new content as it is (one replace and parse, not two).
     version AS (
       UPDATE fhir_resource_version v SET content = c.content FROM current c
       WHERE v.resource_type = ANY($2::text[]) AND v.id = ANY($3::text[])
         AND v.resource_type = c.resource_type AND v.id = c.id AND v.version_id = c.version_id),
     token AS (
       UPDATE search_token t SET code = ${filled('t.code')}, text = ${filled('t.text')}
       WHERE t.resource_type = ANY($2::text[]) AND t.resource_id = ANY($3::text[])
         AND (strpos(t.code, $1) > 0 OR strpos(t.text, $1) > 0)),
     string AS (
       UPDATE search_string s SET value = ${filled('s.value')}
       WHERE s.resource_type = ANY($2::text[]) AND s.resource_id = ANY($3::text[]) AND strpos(s.value, $1) > 0),
     ${audits.length > 0 ? `audit AS (${audit.sql}),` : ''}
     outbox AS (
       UPDATE notification_outbox SET payload = ${filled('payload::text')}::jsonb WHERE id = ANY($4::bigint[]))
     SELECT 1`,
    params,
  );
}
