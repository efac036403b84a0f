import { randomUUID } from 'node:crypto';
import { jsonColumn, nextSequence } from '@openpas/db';
import {
  type Bundle,
  type Claim,
  type ClaimResponse,
  checkBundleLimits,
  type FhirResource,
} from '@openpas/fhir';
import {
  assignServerIds,
  createResources,
  enqueueNotifications,
  readResource,
  rewrite,
  type StoredResource,
  updateResource,
} from '@openpas/fhir-store';
import {
  hasErrors,
  toOperationOutcome,
  type ValidationIssue,
  validateRequestBundle,
  validateWithGuide,
} from '@openpas/twpas-validation';
import {
  acceptanceNumber,
  earlierAcceptanceNumberOf,
  intake,
  precheck,
  resubmit,
  WorkflowError,
} from '@openpas/workflow';
import { recordAudits } from '../audit.ts';
import { authorize } from '../auth/authorize.ts';
import { guideFor } from '../guide.ts';
import { asResource, readJsonBody } from '../http/body.ts';
import { FhirHttpError, forbidden } from '../http/errors.ts';
import { sendFhir } from '../http/respond.ts';
import type { Interaction } from './context.ts';

// POST /Bundle: a hospital submits a TWPAS request Bundle. It is validated as sent; then, in one
// transaction, every entry is stored under a server id (references rewritten), the Claim gets its
// acceptance number, the case's ClaimResponse is opened and moved by the intake pre-check, the Bundle
// itself is kept, and every step is audited. Nothing is stored when any part fails.

function language(accept: string | undefined): 'zh-TW' | 'en' {
  return /^\s*en\b/i.test(accept ?? '') ? 'en' : 'zh-TW';
}

/** Both validation layers: the built-in TWPAS rules, then the implementation guide when one is configured. */
function validate(body: unknown, igPath: string | undefined): ValidationIssue[] {
  const issues = validateRequestBundle(body);
  const guide = guideFor(igPath);
  return guide ? [...issues, ...validateWithGuide(body, guide)] : issues;
}

export async function submitBundle(interaction: Interaction): Promise<void> {
  const { prisma, access, env, req } = interaction;
  authorize(access, { resourceType: 'Bundle', interaction: 'create' });
  const body = asResource(await readJsonBody(req, env.FHIR_MAX_BODY_BYTES), 'Bundle') as unknown as Bundle;
  checkBundleLimits(body, { maxEntries: env.FHIR_MAX_BUNDLE_ENTRIES });
  const entries = body.entry ?? [];
  const lang = language(req.headers['accept-language']);
  const issues = validate(body, env.FHIR_IG_PATH);
  if (hasErrors(issues)) {
    sendFhir(interaction.res, 422, toOperationOutcome(issues, lang));
    await interaction.audit.record({
      action: 'C',
      subtype: 'submit',
      outcome: 4,
      outcomeDesc: 'failed TWPAS validation',
      access,
      requestId: interaction.requestId,
      resourceType: 'Bundle',
    });
    return;
  }
  const hospital = access.clientOrganization ?? access.userOrganization;
  const [organisation] = hospital
    ? await interaction.sql.query<{ id: string; kind: string; nhi_code: string | null }>(
        'SELECT id::text AS id, kind::text AS kind, nhi_code FROM organization WHERE id = $1::uuid',
        [hospital.id],
      )
    : [];
  const provider = hospitalCodeIn(body);
  if (organisation?.kind !== 'hospital' || organisation.nhi_code !== provider) {
    throw forbidden(`a hospital submits its own cases: the Claim's provider is ${provider ?? 'unknown'}`);
  }
  const subType = claimOf(body)?.subType?.coding?.[0]?.code;
  // Amendments and appeals (subType 2–5) continue an earlier case of the same hospital, named by its
  // acceptance number.
  const earlier =
    subType && subType !== '1' ? await earlierCase(interaction, body, organisation.id) : undefined;

  const now = new Date();
  // Acceptance numbers count per hospital and Taiwan day, from a counter outside the transaction.
  const day = acceptanceNumber(provider, now, 1).slice(0, 8);
  const sequence = await nextSequence(prisma, `acceptance:${day}:${provider}`);
  const stored = await interaction.sql.transaction(async (tx) => {
    let result: ReturnType<typeof intake>;
    let reopened: StoredResource | undefined;
    try {
      if (earlier) {
        await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `case:${earlier.responseId}`,
        ]);
        reopened = (await readResource(tx, 'ClaimResponse', earlier.responseId)) ?? undefined;
        if (!reopened)
          throw new FhirHttpError(409, 'conflict', 'the earlier case changed while this one was submitted');
        result = resubmit(
          body,
          { claim: earlier.claim, claimResponse: reopened.resource as ClaimResponse },
          now,
          sequence,
          { hospital: { kind: 'hospital', id: access.clientId } },
        );
      } else {
        result = intake(body, now, sequence);
      }
    } catch (error) {
      if (error instanceof WorkflowError) throw new FhirHttpError(422, 'business-rule', error.en);
      throw error;
    }
    const { resources, byFullUrl } = assignServerIds({
      ...body,
      entry: entries.map((entry) =>
        entry.resource?.resourceType === 'Claim' ? { ...entry, resource: result.claim } : entry,
      ),
    });
    const owner = organisation.id;
    const claimResponse = {
      ...(rewrite(result.claimResponse, byFullUrl) as ClaimResponse),
      id: reopened?.resource.id ?? randomUUID(),
    } as ClaimResponse;
    const submitted = {
      ...body,
      id: randomUUID(),
      identifier: { system: 'https://openpas.dev/fhir/sid/receipt', value: result.acceptanceNumber },
      entry: resources.map((resource) => ({
        fullUrl: `${env.FHIR_BASE_URL}/${resource.resourceType}/${resource.id}`,
        resource,
      })),
    } as Bundle;
    // Every resource of the case, the case's ClaimResponse and the Bundle: one statement per table.
    const written = await createResources(
      tx,
      [...resources, ...(reopened ? [] : [claimResponse]), submitted],
      {
        owner,
        keepId: true,
      },
    );
    // A resubmission reopens the earlier case: the next version of its ClaimResponse, now about the new Claim.
    if (reopened)
      await updateResource(tx, claimResponse as ClaimResponse & { id: string }, {
        expectedVersion: reopened.versionId,
      });
    const bundle = written[written.length - 1];
    if (!bundle) throw new Error('the Bundle was not stored');
    // Hospitals that subscribed to their cases hear about this one (delivered after commit by the worker).
    await enqueueNotifications(tx, claimResponse as FhirResource, owner);
    await recordAudits(tx, [
      {
        action: 'C',
        subtype: 'submit',
        outcome: 0,
        access,
        requestId: interaction.requestId,
        resourceType: 'Bundle',
        resourceId: submitted.id,
        detail: { acceptanceNumber: result.acceptanceNumber, entries: resources.length },
      },
      ...result.audit.map((change) => ({
        action: 'U' as const,
        subtype: `workflow-${change.action}`,
        outcome: 0 as const,
        access,
        requestId: interaction.requestId,
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
    ]);
    return { bundle, claimResponse };
  });
  sendFhir(interaction.res, 201, stored.bundle.resource, {
    Location: `${env.FHIR_BASE_URL}/Bundle/${stored.bundle.resource.id}/_history/1`,
    ETag: 'W/"1"',
  });
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
 * POST Bundle/$validate: the dry run hospitals use before submitting. The same TWPAS validation and the
 * intake pre-check (智能預檢), nothing stored; 200 with an OperationOutcome listing every finding.
 */
export async function validateBundle(interaction: Interaction): Promise<void> {
  const { access, env, req } = interaction;
  authorize(access, { resourceType: 'Bundle', interaction: 'create' });
  const body = asResource(await readJsonBody(req, env.FHIR_MAX_BODY_BYTES), 'Bundle') as unknown as Bundle;
  checkBundleLimits(body, { maxEntries: env.FHIR_MAX_BUNDLE_ENTRIES });
  const lang = language(req.headers['accept-language']);
  const issues = validate(body, env.FHIR_IG_PATH);
  const findings = hasErrors(issues)
    ? issues
    : [
        ...issues,
        ...precheck(body, { now: new Date() }).map((reason) => ({
          rule: `precheck.${reason.code}`,
          severity: 'warning' as const,
          code: 'incomplete' as const,
          expression: reason.expression,
          message: { 'zh-TW': reason.zh, en: reason.en },
        })),
      ];
  sendFhir(interaction.res, 200, toOperationOutcome(findings, lang));
}

/**
 * The case a subType 2–5 Bundle continues: the hospital's Claim whose official acceptance number the new
 * Claim cites (use=secondary), and the ClaimResponse that currently answers it.
 */
async function earlierCase(
  interaction: Interaction,
  bundle: Bundle,
  owner: string,
): Promise<{ claim: Claim; responseId: string }> {
  const claim = claimOf(bundle);
  const number = claim ? earlierAcceptanceNumberOf(claim) : undefined;
  if (!number) {
    throw new FhirHttpError(
      422,
      'required',
      'an amendment or appeal must cite the earlier acceptance number (identifier with use=secondary)',
      'Claim.identifier',
    );
  }
  const rows = await interaction.sql.query<{ claim: unknown; response_id: string }>(
    `SELECT c.content AS claim, r.resource_id AS response_id
     FROM search_token t
     JOIN fhir_resource c ON c.resource_type = 'Claim' AND c.id = t.resource_id AND c.owner_organization = $2::uuid AND NOT c.deleted
     JOIN search_reference r ON r.resource_type = 'ClaimResponse' AND r.param = 'request' AND r.target_type = 'Claim' AND r.target_id = c.id
     WHERE t.resource_type = 'Claim' AND t.param = 'identifier' AND t.code = $1`,
    [number, owner],
  );
  for (const row of rows) {
    const found = jsonColumn<Claim>(row.claim);
    if (
      found.identifier?.some((identifier) => identifier.use === 'official' && identifier.value === number)
    ) {
      return { claim: found, responseId: row.response_id };
    }
  }
  throw new FhirHttpError(
    422,
    'not-found',
    `no case of this hospital has the acceptance number ${number}`,
    'Claim.identifier',
  );
}
