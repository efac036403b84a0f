import { parseSubsetQuery, subsetResource } from '@openpas/fhir';
import { isVisible, readVersion } from '@openpas/fhir-store';
import { authorize } from '../auth/authorize.ts';
import { notFound } from '../http/errors.ts';
import { sendFhir, versionHeaders } from '../http/respond.ts';
import type { Interaction } from './context.ts';
import { matchesFilters } from './filters.ts';

/** GET [type]/[id] and GET [type]/[id]/_history/[vid]. Outside the caller's compartment is 404: no oracle. */
export async function read(interaction: Interaction): Promise<void> {
  const { resourceType, access } = interaction;
  const id = interaction.id ?? '';
  const versioned = interaction.versionId !== undefined;
  const { visibility, filters } = authorize(access, {
    resourceType,
    interaction: versioned ? 'vread' : 'read',
  });
  const subset = parseSubsetQuery(interaction.query);
  const stored = versioned
    ? await readVersion(interaction.sql, resourceType, id, Number(interaction.versionId))
    : await interaction.readCurrent(resourceType, id);
  const visible =
    stored && !stored.deleted && isVisible(stored, visibility) && matchesFilters(stored.resource, filters);
  await interaction.audit.record({
    action: 'R',
    subtype: versioned ? 'vread' : 'read',
    outcome: visible ? 0 : 4,
    ...(visible ? {} : { outcomeDesc: 'not found or outside the compartment' }),
    access,
    requestId: interaction.requestId,
    resourceType,
    resourceId: id,
  });
  if (!stored || !visible)
    throw notFound(`${resourceType}/${id}${versioned ? `/_history/${interaction.versionId}` : ''}`);
  sendFhir(interaction.res, 200, subsetResource(stored.resource, subset), versionHeaders(stored));
}
