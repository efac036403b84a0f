import type { Bundle, ClaimResponse, Organization } from '@openpas/fhir-model/browser';
import { keyOf } from '@openpas/pa-request';
import {
  ACCEPTED,
  isStatus,
  REVIEW_FINISHED,
  readHistory,
  requestedMedicationsOf,
  reviewDueOf,
  STATUSES,
  statusLabel,
  UNDER_REVIEW,
} from '@openpas/workflow';
import { z } from 'zod';
import { drugName } from './drug-names.ts';

// The payer's queue as one FHIR search: cases ordered by when their decision is due, filtered by hospital
// (醫事機構代碼), drug (NHI code), status and due date, a page at a time. No total: counting every open
// case of a large backlog costs more than the page itself (bench/results/explain-review-queue.txt).

export const QUEUE_PAGE_SIZE = 20;

/** The cases a reviewer still has to decide. */
export const OPEN_STATUSES = [ACCEPTED, UNDER_REVIEW] as const;

export const queueFilters = z.object({
  hospital: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{1,20}$/, 'a 醫事機構代碼')
    .optional(),
  drug: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{1,30}$/, 'an NHI drug code')
    .optional(),
  /** `open` (已受理 and 審查中, the default), `all`, or one status */
  status: z.union([z.enum(['open', 'all']), z.enum(STATUSES as [string, ...string[]])]).default('open'),
  /** Due on or before this Taiwan date */
  dueBy: z.iso.date().optional(),
  /** The FHIR API's paging cursor of the next page */
  cursor: z
    .string()
    .regex(/^[\w.~-]{1,512}$/)
    .optional(),
});

export type QueueFilters = z.infer<typeof queueFilters>;

/**
 * The search that finds a hospital's Organization by its 醫事機構代碼. The queue filters by the
 * Organization's reference (`requestor=`), an index lookup, rather than by the chain
 * `requestor.identifier=`, which the database cannot estimate and answers in seconds at 100,000 cases.
 */
export function hospitalSearchPath(code: string): string {
  return `Organization?${new URLSearchParams({ identifier: code, _elements: 'identifier' }).toString()}`;
}

/** The references of the Organizations a hospital search found (none: the hospital has no cases). */
export function hospitalReferencesOf(searchset: Bundle): string[] {
  return (searchset.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'Organization' && entry.resource.id
      ? [`Organization/${entry.resource.id}`]
      : [],
  );
}

/**
 * The FHIR search for a page of the queue; a hospital filter needs `requestors`, the references of its
 * Organizations (hospitalSearchPath).
 */
export function queueSearchPath(filters: QueueFilters, requestors: readonly string[] = []): string {
  if (filters.hospital && requestors.length === 0)
    throw new Error('a hospital filter needs the references of its Organizations');
  const query = new URLSearchParams();
  query.set('_sort', 'review-due,_id');
  query.set('_count', String(QUEUE_PAGE_SIZE));
  query.append('_include', 'ClaimResponse:requestor');
  if (filters.status === 'open') {
    query.set('disposition:exact', OPEN_STATUSES.join(','));
    // Every open case has a due date, and only open cases are in its index: saying so lets the API walk
    // that index in date order, past open cases only.
    query.set('review-due:missing', 'false');
  } else if (filters.status !== 'all') query.set('disposition:exact', filters.status);
  if (filters.hospital) query.set('requestor', requestors.join(','));
  if (filters.drug) query.set('medication', filters.drug);
  if (filters.dueBy) query.set('review-due', `le${filters.dueBy}`);
  if (filters.cursor) query.set('_cursor', filters.cursor);
  return `ClaimResponse?${query.toString()}`;
}

export const queueRow = z.object({
  id: z.string(),
  acceptanceNumber: z.string().nullable(),
  hospital: z.object({ name: z.string(), code: z.string().nullable() }).nullable(),
  drugs: z.array(z.object({ code: z.string().nullable(), name: z.string() })),
  status: z.string(),
  statusLabel: z.object({ zh: z.string(), en: z.string() }),
  /** When the case was (last) accepted */
  acceptedAt: z.string().nullable(),
  due: z.string().nullable(),
  decided: z.boolean(),
  /** When the current round was decided (審畢結果) */
  decidedAt: z.string().nullable(),
});

export const queuePage = z.object({
  rows: z.array(queueRow),
  total: z.number().nullable(),
  nextCursor: z.string().nullable(),
});

export type QueueRow = z.infer<typeof queueRow>;
export type QueuePage = z.infer<typeof queuePage>;

/** The cases of a searchset page (not what it includes). */
export function matchesOf(searchset: Bundle): ClaimResponse[] {
  return (searchset.entry ?? [])
    .filter((entry) => entry.resource?.resourceType === 'ClaimResponse' && entry.search?.mode !== 'include')
    .map((entry) => entry.resource as ClaimResponse);
}

/** The page of the queue a searchset holds; drugs named from `names` (drug-names.ts) where sent as codes. */
export function queuePageOf(searchset: Bundle, names: Map<string, string> = new Map()): QueuePage {
  const hospitals = new Map<string, Organization>();
  const matches: ClaimResponse[] = [];
  for (const entry of searchset.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    if (resource.resourceType === 'ClaimResponse' && entry.search?.mode !== 'include') matches.push(resource);
    else if (resource.resourceType === 'Organization') hospitals.set(keyOf(resource), resource);
  }
  const rows = matches.map((response): QueueRow => {
    const hospital = hospitals.get(response.requestor?.reference ?? '');
    const history = readHistory(response);
    const accepted = history.filter((change) => change.to === ACCEPTED).at(-1);
    const decision = history.filter((change) => change.to === REVIEW_FINISHED).at(-1);
    const status = response.disposition ?? '';
    return {
      id: response.id ?? '',
      acceptanceNumber: response.preAuthRef ?? null,
      hospital: hospital
        ? { name: hospital.name ?? '', code: hospital.identifier?.[0]?.value ?? null }
        : null,
      drugs: requestedMedicationsOf(response).map((drug) => ({
        code: drug.coding?.[0]?.code ?? null,
        name: drugName(drug, names),
      })),
      status,
      statusLabel: isStatus(status) ? statusLabel(status) : { zh: status, en: status },
      acceptedAt: accepted?.at ?? null,
      due: reviewDueOf(response) ?? null,
      decided: status === REVIEW_FINISHED,
      decidedAt: status === REVIEW_FINISHED ? (decision?.at ?? null) : null,
    };
  });
  const next = searchset.link?.find((link) => link.relation === 'next')?.url;
  return {
    rows,
    total: searchset.total ?? null,
    nextCursor: next ? new URL(next).searchParams.get('_cursor') : null,
  };
}
