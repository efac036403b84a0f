import { randomUUID } from 'node:crypto';
import type { FastSql, SqlRunner } from '@openpas/db';
import {
  type Bundle,
  type Claim,
  type ClaimResponse,
  checkBundleLimits,
  type FhirResource,
} from '@openpas/fhir-model';
import {
  type AuditInput,
  type AuditWriter,
  actingOrganization,
  type Caller,
  type Permit,
  permit,
  type StoredResource,
  SUBMISSION_RECEIPT_SYSTEM,
  withJson,
} from '@openpas/fhir-store';
import {
  activeSubscriptions,
  assignServerIds,
  chartPatientsOf,
  createResources,
  drawnSequence,
  enqueueNotifications,
  fillNotificationsAtCommit,
  findCaseByAcceptanceNumber,
  jsonChunks,
  type NumberAtCommit,
  newResourceRows,
  newRowsChunks,
  numberAtCommitInsert,
  numbersUsedUp,
  readResource,
  rewrite,
  updateResource,
  utf8Of,
} from '@openpas/fhir-store/workflow';
import { hasErrors } from '@openpas/twpas-validation';
import {
  acceptanceNumber,
  earlierAcceptanceNumberOf,
  filled,
  filledAt,
  fillSequence,
  intake,
  MAX_SEQUENCE,
  pendingSequence,
  pendingValues,
  placeholdersOf,
  resubmit,
  WorkflowError,
} from '@openpas/workflow';
import { CaseError } from './errors.ts';
import { type ValidationSettings, validationIssues } from './validation.ts';

// A hospital submits a TWPAS request Bundle (POST Bundle). It is validated as sent; then, in one
// transaction, every entry is stored under a server id (references rewritten; a Patient the hospital
// already keeps under that national ID is referred to, not copied), the case's ClaimResponse is
// opened and moved by the intake pre-check (or, for subType 2–5, the earlier case reopened), the Bundle
// itself is kept, and every step is audited — all with the acceptance number still a placeholder. The
// database draws the Claim's number, the next of its hospital and Taiwan day, as the transaction commits,
// and writes it where the placeholders are. Nothing is stored — and no number used — when any part fails.

export interface SubmissionDeps extends ValidationSettings {
  sql: FastSql;
  audit: AuditWriter;
  /** The FHIR API's public base, for the stored Bundle's fullUrls */
  baseUrl: string;
}

export interface Submission {
  bundle: StoredResource;
  claimResponse: ClaimResponse;
  acceptanceNumber: string;
}

export async function submitCase(
  deps: SubmissionDeps,
  caller: Caller,
  requestId: string,
  body: Bundle,
  now = new Date(),
): Promise<Submission> {
  const refused = async (outcomeDesc: string) =>
    deps.audit.record({
      action: 'C',
      subtype: 'submit',
      outcome: 4,
      outcomeDesc,
      caller,
      requestId,
      resourceType: 'Bundle',
    });
  let context: Permit['context'];
  try {
    context = permit(caller, { resourceType: 'Bundle', interaction: 'create' }).context;
  } catch (error) {
    await refused('refused by scope');
    throw error;
  }
  checkBundleLimits(body, { maxEntries: deps.maxEntries });
  const issues = await validationIssues(body, deps);
  if (hasErrors(issues)) {
    await refused('failed TWPAS validation');
    throw new CaseError('invalid', 'the Bundle fails TWPAS validation', { issues });
  }
  const hospital = actingOrganization(caller, context);
  const provider = hospitalCodeIn(body);
  if (hospital?.kind !== 'hospital' || !hospital.nhiCode || hospital.nhiCode !== provider) {
    await refused('not the hospital of the Claim');
    throw new CaseError(
      'forbidden',
      `a hospital submits its own cases: the Claim's provider is ${provider ?? 'unknown'}`,
    );
  }
  const subType = claimOf(body)?.subType?.coding?.[0]?.code;
  // Amendments and appeals (subType 2–5) continue an earlier case of the same hospital, named by its
  // acceptance number.
  const earlier = subType && subType !== '1' ? await earlierCase(deps.sql, body, hospital.id) : undefined;
  const day = acceptanceNumber(provider, now, 1).slice(0, 8);
  const owner = hospital.id;

  const pending = pendingSequence();
  // Read before the transaction, which then holds its connection for the writes: the Subscriptions to notify.
  const subscriptions = await activeSubscriptions(deps.sql, owner);

  const stored = await committed(async () =>
    deps.sql.transaction(async (tx) => {
      let reopened: StoredResource | undefined;
      if (earlier) {
        await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `case:${earlier.responseId}`,
        ]);
        reopened = (await readResource(tx, 'ClaimResponse', earlier.responseId)) ?? undefined;
        if (!reopened)
          throw new CaseError('conflict', 'the earlier case changed while this one was submitted');
      }
      // The case is formed and stored with its number still pending (a placeholder), drawn at the commit.
      let result: ReturnType<typeof intake>;
      try {
        result =
          earlier && reopened
            ? resubmit(
                body,
                { claim: earlier.claim, claimResponse: reopened.resource as ClaimResponse },
                now,
                pending,
                {
                  hospital: { kind: 'hospital', id: caller.clientId },
                },
              )
            : intake(body, now, pending);
      } catch (error) {
        if (error instanceof WorkflowError) throw new CaseError('business-rule', error.en);
        throw error;
      }
      // The Bundle's Patient is the hospital's own record when it keeps one under that national ID (`chart`):
      // the case then refers to it (and lies in that patient's compartment) instead of to a new copy. Read
      // here, in the transaction (under a lock on a national ID with no record yet), so that a concurrent
      // first submission's record is found.
      const chart = await chartPatientsOf(tx, body, owner);
      const { resources, byFullUrl, existingKeys } = assignServerIds(
        {
          ...body,
          entry: (body.entry ?? []).map((entry) =>
            entry.resource?.resourceType === 'Claim' ? { ...entry, resource: result.claim } : entry,
          ),
        },
        chart,
      );
      const created = resources.filter(
        (resource) => !existingKeys.has(`${resource.resourceType}/${resource.id}`),
      );
      const claimResponse = {
        ...(rewrite(result.claimResponse, byFullUrl) as ClaimResponse),
        id: reopened?.resource.id ?? randomUUID(),
      } as ClaimResponse & { id: string };
      const submitted = {
        ...body,
        id: randomUUID(),
        identifier: { system: SUBMISSION_RECEIPT_SYSTEM, value: result.acceptanceNumber },
        entry: resources.map((resource) => ({
          fullUrl: `${deps.baseUrl}/${resource.resourceType}/${resource.id}`,
          resource,
        })),
      } as Bundle;
      // Recorded with the number, in the statement that writes it (the audit trail is append-only).
      const audits: AuditInput[] = [
        {
          action: 'C',
          subtype: 'submit',
          outcome: 0,
          caller,
          requestId,
          resourceType: 'Bundle',
          resourceId: submitted.id,
          detail: { acceptanceNumber: result.acceptanceNumber, entries: resources.length },
        },
        ...result.audit.map((change) => ({
          action: 'U' as const,
          subtype: `workflow-${change.action}`,
          outcome: 0 as const,
          caller,
          requestId,
          resourceType: 'ClaimResponse',
          resourceId: claimResponse.id,
          detail: {
            from: change.from,
            to: change.to,
            at: change.at,
            actor: change.actor.kind,
            reason: change.reason ?? null,
          },
        })),
      ];
      // The stored Bundle is written by the database at the commit, with the number in place: it is the
      // case's largest document, and nothing in this transaction reads it back (no search or subscription
      // criteria reaches a Bundle), so it need not be written with placeholders first and then set.
      const heldBundle = newResourceRows([submitted], { owner, keepId: true });
      const [bundle] = heldBundle.stored;
      if (!bundle) throw new Error('the case was not stored');
      // Written out once (in pieces, json-chunks.ts): held for the commit, and the answer once the digits are in
      // (as the database puts them).
      const bundleChunks = jsonChunks(bundle.resource);
      // The hospital's next number: asked for in the statement that writes the case, drawn by the database at
      // the commit and written where the placeholders are (the counter row is locked only for the commit; a
      // rollback gives the number back).
      const number: NumberAtCommit = {
        counter: `acceptance:${day}:${provider}`,
        mark: pending.mark,
        placeholders: placeholdersOf(pending),
        maxSequence: MAX_SEQUENCE,
        created: newRowsChunks(heldBundle.rows, [bundleChunks]),
        resources: [...resources.filter((one) => one.resourceType === 'Claim'), claimResponse]
          .map((one) => ({
            resourceType: one.resourceType,
            id: String(one.id),
            values: pendingValues(one, pending),
          }))
          .filter(({ values }) => values.length > 0),
        audits,
      };
      // Every resource of the case and the case's ClaimResponse: one statement.
      const written = await createResources(tx, [...created, ...(reopened ? [] : [claimResponse])], {
        owner,
        keepId: true,
        alongside: (first) => numberAtCommitInsert(number, first),
      });
      // A resubmission reopens the earlier case: the next version of its ClaimResponse, now about the new Claim.
      const response = reopened
        ? await updateResource(tx, claimResponse, { expectedVersion: reopened.versionId })
        : written.find((one) => one.resource.id === claimResponse.id);
      if (!response) throw new Error('the case was not stored');
      // Hospitals that subscribed to their cases hear about this one (delivered after commit by the worker).
      const notifications = await enqueueNotifications(
        tx,
        claimResponse as FhirResource,
        owner,
        subscriptions,
      );
      await fillNotificationsAtCommit(tx, pending.mark, notifications);
      const pendingIn = (one: { resourceType: string; id?: string }) =>
        number.resources.find((key) => key.resourceType === one.resourceType && key.id === one.id)?.values ??
        [];
      return {
        bundle,
        bundleChunks,
        claimResponse,
        acceptanceNumber: result.acceptanceNumber,
        pending: { claimResponse: pendingIn(claimResponse) },
      };
    }),
  );
  // After the commit: the answer, with the number in place of the placeholders (where they were found).
  const fill = fillSequence(pending, await drawnSequence(deps.sql, pending.mark));
  return {
    bundle: withJson(stored.bundle, utf8Of(stored.bundleChunks.map((chunk) => filled(chunk, fill)))),
    claimResponse: filledAt(stored.claimResponse, stored.pending.claimResponse, fill),
    acceptanceNumber: filled(stored.acceptanceNumber, fill),
  };
}

/** The transaction's outcome, with the commit refused for numbers used up told as the business rule it is. */
async function committed<T>(transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    const usedUp = numbersUsedUp(error);
    if (usedUp) throw new CaseError('business-rule', usedUp);
    throw error;
  }
}

function claimOf(bundle: Bundle): Claim | undefined {
  return bundle.entry?.find((entry) => entry.resource?.resourceType === 'Claim')?.resource as
    | Claim
    | undefined;
}

/** The 醫事機構代碼 of the Claim's provider, as the Bundle names it. */
function hospitalCodeIn(bundle: Bundle): string | undefined {
  const reference = claimOf(bundle)?.provider?.reference;
  const organisation = bundle.entry?.find(
    (entry) =>
      entry.fullUrl === reference || `${entry.resource?.resourceType}/${entry.resource?.id}` === reference,
  )?.resource as (FhirResource & { identifier?: { value?: string }[] }) | undefined;
  return organisation?.identifier?.[0]?.value;
}

/**
 * The case a subType 2–5 Bundle continues: the hospital's Claim whose official acceptance number the new
 * Claim cites (use=secondary), and the ClaimResponse that currently answers it.
 */
async function earlierCase(
  db: SqlRunner,
  bundle: Bundle,
  owner: string,
): Promise<{ claim: Claim; responseId: string }> {
  const claim = claimOf(bundle);
  const number = claim ? earlierAcceptanceNumberOf(claim) : undefined;
  if (!number)
    throw new CaseError(
      'business-rule',
      'an amendment or appeal must cite the earlier acceptance number (identifier with use=secondary)',
      { expression: 'Claim.identifier' },
    );
  const found = await findCaseByAcceptanceNumber(db, number, owner);
  if (found) return found;
  throw new CaseError('business-rule', `no case of this hospital has the acceptance number ${number}`, {
    expression: 'Claim.identifier',
  });
}
