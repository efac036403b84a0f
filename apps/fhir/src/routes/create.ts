import { checkKnownElements, type FhirResource, type Resource, type Subscription } from '@openpas/fhir';
import { createResource, executeSearch, parseSearch, searchParameter } from '@openpas/fhir-store';
import { recordAudit } from '../audit.ts';
import { authorize } from '../auth/authorize.ts';
import { asResource, readJsonBody } from '../http/body.ts';
import { FhirHttpError, forbidden } from '../http/errors.ts';
import { sendFhir, sendWritten, versionHeaders } from '../http/respond.ts';
import type { Interaction } from './context.ts';
import { matchesFilters } from './filters.ts';
import { acceptSubscription } from './subscription-rules.ts';

// Conditional creates from concurrent requests must agree on one winner: a transaction-scoped advisory
// lock keyed by the type and the match criteria serialises them.
function lockKey(resourceType: string, criteria: string): string {
  return `${resourceType}?${criteria}`;
}

/** POST [type], with If-None-Exist for an idempotent (conditional) create. */
export async function create(interaction: Interaction): Promise<void> {
  const { resourceType, access, env, req } = interaction;
  const { visibility, filters } = authorize(access, { resourceType, interaction: 'create' });
  const resource = asResource(
    await readJsonBody(req, env.FHIR_MAX_BODY_BYTES),
    resourceType,
  ) as unknown as Resource;
  checkKnownElements(resource);
  if (!matchesFilters(resource as FhirResource, filters)) {
    throw forbidden(`the granted ${resourceType} scope is limited to resources matching its filter`);
  }
  const accepted =
    resourceType === 'Subscription'
      ? (acceptSubscription(resource as Subscription, env) as Resource)
      : resource;
  const owner = access.clientOrganization?.id ?? access.userOrganization?.id ?? null;
  const condition = req.headers['if-none-exist'];
  const criteria = typeof condition === 'string' ? condition.replace(/^.*\?/, '') : undefined;

  const outcome = await interaction.sql.transaction(async (tx) => {
    if (criteria !== undefined) {
      await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        lockKey(resourceType, criteria),
      ]);
      // Matched with the caller's own access only: another hospital's resource never counts as a match.
      const request = parseSearch(resourceType, new URLSearchParams(criteria), searchParameter, {
        lenient: false,
        maxCount: 2,
        defaultCount: 2,
      });
      const found = await executeSearch(
        tx,
        { ...request, count: 2, include: [], total: 'none' },
        visibility,
        0,
      );
      if (found.matches.length > 1) {
        throw new FhirHttpError(
          412,
          'duplicate',
          `If-None-Exist "${criteria}" matches several ${resourceType} resources`,
        );
      }
      const [existing] = found.matches;
      if (existing) return { stored: existing, created: false };
    }
    const stored = await createResource(tx, accepted, { owner });
    await recordAudit(tx, {
      action: 'C',
      subtype: 'create',
      outcome: 0,
      access,
      requestId: interaction.requestId,
      resourceType,
      resourceId: stored.resource.id,
    });
    return { stored, created: true };
  });
  if (!outcome.created) {
    sendFhir(interaction.res, 200, outcome.stored.resource, versionHeaders(outcome.stored));
    return;
  }
  sendWritten(interaction.res, 201, outcome.stored, env.FHIR_BASE_URL, req.headers.prefer);
}
