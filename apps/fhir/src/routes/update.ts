import { checkKnownElements, type Resource } from '@openpas/fhir';
import { isVisible, readResource, StoreError, updateResource } from '@openpas/fhir-store';
import { recordAudit } from '../audit.ts';
import { authorize } from '../auth/authorize.ts';
import { asResource, readJsonBody } from '../http/body.ts';
import { badRequest, FhirHttpError, notFound } from '../http/errors.ts';
import { sendWritten } from '../http/respond.ts';
import type { Interaction } from './context.ts';

function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!match) throw badRequest('If-Match must be an ETag such as W/"3"', 'If-Match');
  return Number(match[1]);
}

/** PUT [type]/[id] (update only: ids are assigned by the server). If-Match makes it safe under concurrency. */
export async function update(interaction: Interaction): Promise<void> {
  const { resourceType, access, env, req } = interaction;
  const id = interaction.id ?? '';
  const { visibility } = authorize(access, { resourceType, interaction: 'update' });
  const body = asResource(await readJsonBody(req, env.FHIR_MAX_BODY_BYTES), resourceType);
  checkKnownElements(body);
  if (body.id !== id)
    throw new FhirHttpError(
      400,
      'invalid',
      `the body's id (${String(body.id)}) must equal the URL's (${id})`,
      'id',
    );
  const version = expectedVersion(req.headers['if-match']);
  const stored = await interaction.sql.transaction(async (tx) => {
    const current = await readResource(tx, resourceType, id);
    if (!current || !isVisible(current, visibility)) throw notFound(`${resourceType}/${id}`);
    try {
      const next = await updateResource(
        tx,
        { ...(body as unknown as Resource), id },
        version === undefined ? {} : { expectedVersion: version },
      );
      await recordAudit(tx, {
        action: 'U',
        subtype: 'update',
        outcome: 0,
        access,
        requestId: interaction.requestId,
        resourceType,
        resourceId: id,
      });
      return next;
    } catch (error) {
      if (error instanceof StoreError)
        throw new FhirHttpError(
          error.status,
          error.status === 412 ? 'conflict' : 'processing',
          error.message,
        );
      throw error;
    }
  });
  sendWritten(interaction.res, 200, stored, env.FHIR_BASE_URL, req.headers.prefer);
}
