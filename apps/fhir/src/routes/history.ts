import { isVisible, readResource, resourceHistory } from '@openpas/fhir-store';
import { authorize } from '../auth/authorize.ts';
import { notFound } from '../http/errors.ts';
import { sendFhir } from '../http/respond.ts';
import type { Interaction } from './context.ts';

/** GET [type]/[id]/_history: every version, newest first, as a history Bundle. */
export async function history(interaction: Interaction): Promise<void> {
  const { resourceType, access, env } = interaction;
  const id = interaction.id ?? '';
  const { visibility } = authorize(access, { resourceType, interaction: 'history' });
  const current = await readResource(interaction.sql, resourceType, id);
  const visible = current !== null && isVisible(current, visibility);
  await interaction.audit.record({
    action: 'R',
    subtype: 'history',
    outcome: visible ? 0 : 4,
    access,
    requestId: interaction.requestId,
    resourceType,
    resourceId: id,
  });
  if (!visible) throw notFound(`${resourceType}/${id}`);
  const versions = await resourceHistory(interaction.sql, resourceType, id, env.FHIR_MAX_COUNT);
  sendFhir(interaction.res, 200, {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    link: [{ relation: 'self', url: `${env.FHIR_BASE_URL}/${resourceType}/${id}/_history` }],
    entry: versions.map((version, index) => ({
      fullUrl: `${env.FHIR_BASE_URL}/${resourceType}/${id}`,
      resource: version.resource,
      request: {
        method: index === versions.length - 1 ? 'POST' : 'PUT',
        url: index === versions.length - 1 ? resourceType : `${resourceType}/${id}`,
      },
      response: {
        status: index === versions.length - 1 ? '201 Created' : '200 OK',
        etag: `W/"${version.versionId}"`,
        lastModified: version.lastUpdated.toISOString(),
      },
    })),
  });
}
