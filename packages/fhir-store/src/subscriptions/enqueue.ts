import type { Prisma } from '@openpas/db';
import type { FhirResource, Subscription } from '@openpas/fhir';
import { executeSearch } from '../search/execute.ts';
import { searchParameter } from '../search/parameters.ts';
import { parseSearch } from '../search/parse.ts';

// FHIR R4 Subscriptions (rest-hook): when a resource changes, every active Subscription of the
// organisation that owns it whose criteria match gets a notification row, in the same transaction as the
// change. A worker in any instance delivers the rows later (apps/fhir/src/notifications).

/** Whether `resource` matches a Subscription's criteria (`ClaimResponse` or `ClaimResponse?param=value…`). */
export async function criteriaMatch(
  tx: Prisma.TransactionClient,
  criteria: string,
  resource: FhirResource,
  owner: string,
): Promise<boolean> {
  const [type = '', query = ''] = criteria.split('?', 2);
  if (type !== resource.resourceType || !resource.id) return false;
  const request = parseSearch(type, new URLSearchParams(query), searchParameter, { lenient: false });
  const found = await executeSearch(
    tx,
    { ...request, ids: [resource.id], count: 1, include: [], total: 'none' },
    { owner },
    0,
  );
  return found.matches.length > 0;
}

/** Queues a notification of `resource` for every matching active rest-hook Subscription of `owner`. */
export async function enqueueNotifications(
  tx: Prisma.TransactionClient,
  resource: FhirResource,
  owner: string,
): Promise<number> {
  const rows = await tx.fhirResource.findMany({
    where: { resourceType: 'Subscription', ownerOrganization: owner, deleted: false },
    select: { id: true, content: true },
  });
  let queued = 0;
  for (const row of rows) {
    const subscription = row.content as unknown as Subscription;
    if (
      subscription.status !== 'active' ||
      subscription.channel.type !== 'rest-hook' ||
      !subscription.channel.endpoint
    )
      continue;
    if (!(await criteriaMatch(tx, subscription.criteria, resource, owner))) continue;
    await tx.notificationOutbox.create({
      data: {
        subscriptionId: row.id,
        endpoint: subscription.channel.endpoint,
        headers: (subscription.channel.header ?? []) as Prisma.InputJsonArray,
        payload: resource as unknown as Prisma.InputJsonObject,
      },
    });
    queued += 1;
  }
  return queued;
}
