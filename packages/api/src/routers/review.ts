import type { SqlRunner } from '@openpas/db';
import type { Bundle } from '@openpas/fhir-model/browser';
import { requestedMedicationsOf, STATUSES, statusLabel } from '@openpas/workflow';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { decideCase, itemDecision, loadCase } from '../review/case.ts';
import { drugNames } from '../review/drug-names.ts';
import { fhirRead } from '../review/fhir-gateway.ts';
import {
  hospitalReferencesOf,
  hospitalSearchPath,
  matchesOf,
  queueFilters,
  queuePage,
  queuePageOf,
  queueSearchPath,
} from '../review/queue.ts';
import { createTRPCRouter, reviewerProcedure } from '../trpc.ts';

/** A FHIR id; never only dots, which a URL path would read as a step. */
/** YYYY-MM */
const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month: YYYY-MM');

const caseId = z.string().regex(/^(?!\.+$)[A-Za-z0-9\-.]{1,64}$/);

/** Display names of portal accounts (the reviewers named in a case's history). */
async function namesOf(sql: SqlRunner, ids: readonly string[]): Promise<Record<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return {};
  const rows = await sql.query<{ id: string; display_name: string }>(
    'SELECT id::text AS id, display_name FROM app_user WHERE id = ANY($1::uuid[])',
    [uuids],
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.display_name]));
}

/** The payer reviewer's workbench: the queue, a case, the decision. */
export const reviewRouter = createTRPCRouter({
  /** A page of cases, the one due first first. */
  queue: reviewerProcedure
    .input(queueFilters)
    .output(queuePage)
    .query(async ({ ctx, input }) => {
      let requestors: string[] = [];
      if (input.hospital) {
        const found = await fhirRead<Bundle>(ctx.fhir, hospitalSearchPath(input.hospital));
        requestors = hospitalReferencesOf(found.body);
        if (requestors.length === 0) return { rows: [], total: 0, nextCursor: null };
      }
      const { body } = await fhirRead<Bundle>(ctx.fhir, queueSearchPath(input, requestors));
      const names = await drugNames(ctx.fhir, matchesOf(body).flatMap(requestedMedicationsOf));
      return queuePageOf(body, names);
    }),
  /** What the queue's filters offer: the platform's hospitals and the case statuses. */
  filterChoices: reviewerProcedure.query(async ({ ctx }) => ({
    hospitals: await ctx.sql.query<{ code: string; name: string }>(
      "SELECT nhi_code AS code, name FROM organization WHERE kind = 'hospital' ORDER BY nhi_code",
    ),
    statuses: STATUSES.map((code) => ({ code, ...statusLabel(code) })),
  })),
  /** The payer's decision metrics for a period of months (the FHIR API's $decision-metrics MeasureReport). */
  metrics: reviewerProcedure
    .input(
      z
        .object({ from: MONTH.optional(), to: MONTH.optional() })
        .refine((period) => !period.from || !period.to || period.from <= period.to, {
          message: 'the first month comes after the last',
          path: ['from'],
        }),
    )
    .query(async ({ ctx, input }) => {
      const query = new URLSearchParams(
        Object.entries(input).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const path = `ClaimResponse/$decision-metrics${query.size ? `?${query.toString()}` : ''}`;
      return (await fhirRead<unknown>(ctx.fhir, path)).body;
    }),
  /** One case: what the hospital sent, its pre-check, its timeline and decisions, its SLA clock. */
  case: reviewerProcedure.input(z.object({ id: caseId })).query(async ({ ctx, input }) => {
    const found = await loadCase(ctx.fhir, input.id);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such case' });
    const names = await namesOf(ctx.sql, [
      ...found.view.timeline.map((entry) => entry.actorId ?? ''),
      found.decidedBy?.id ?? '',
    ]);
    return { ...found, names };
  }),
  /** The reviewer's decision on every item; refused when someone decided first or the case changed. */
  decide: reviewerProcedure
    .input(
      z.object({
        id: caseId,
        version: z.string().regex(/^\d{1,12}$/),
        items: z.array(itemDecision).min(1).max(100),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const outcome = await decideCase(ctx.fhir, input.id, input.version, input.items);
      if (!outcome.ok && outcome.reason === 'already-decided' && outcome.by) {
        const names = await namesOf(ctx.sql, [outcome.by.id]);
        return { ...outcome, byName: names[outcome.by.id] ?? null };
      }
      return { ...outcome, byName: null };
    }),
});
