import { jsonColumn } from '@openpas/db';
import type { FhirResource, Subscription } from '@openpas/fhir-model';
import type { StoreDb } from '../repository/resources.ts';
import { executeSearch } from '../search/execute.ts';
import { searchParameter } from '../search/parameters.ts';
import { parseSearch } from '../search/parse.ts';

// FHIR R4 Subscriptions (rest-hook): when a resource changes, every active Subscription of the
// organisation that owns it whose criteria match gets a notification row, in the same transaction as the
// change. A worker in any instance delivers the rows later (notifications/outbox.ts, run by the FHIR API's worker).

/** Whether `resource` matches a Subscription's criteria (`ClaimResponse` or `ClaimResponse?param=value…`). */
export async function criteriaMatch(
  tx: StoreDb,
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
    { ownerOrganization: owner },
    0,
  );
  return found.matches.length > 0;
}

/** An active rest-hook Subscription of an organisation. */
export interface ActiveSubscription {
  readonly id: string;
  readonly subscription: Subscription;
}

/** The organisation's active rest-hook Subscriptions. */
export async function activeSubscriptions(db: StoreDb, owner: string): Promise<ActiveSubscription[]> {
  const rows = await db.query<{ id: string; content: unknown }>(
    `SELECT id, content FROM fhir_resource
     WHERE resource_type = 'Subscription' AND owner_organization = $1::uuid AND deleted = false`,
    [owner],
  );
  return rows
    .map((row) => ({ id: row.id, subscription: jsonColumn<Subscription>(row.content) }))
    .filter(
      ({ subscription }) =>
        subscription.status === 'active' &&
        subscription.channel.type === 'rest-hook' &&
        Boolean(subscription.channel.endpoint),
    );
}

/**
 * Queues a notification of `resource` for every matching active rest-hook Subscription of `owner` (read
 * here, or passed in when the caller read them before its transaction); the ids of the queued rows.
 */
export async function enqueueNotifications(
  tx: StoreDb,
  resource: FhirResource,
  owner: string,
  subscriptions?: readonly ActiveSubscription[],
): Promise<string[]> {
  const queued: string[] = [];
  for (const { id, subscription } of subscriptions ?? (await activeSubscriptions(tx, owner))) {
    if (!(await criteriaMatch(tx, subscription.criteria, resource, owner))) continue;
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO notification_outbox (subscription_id, endpoint, headers, payload)
       VALUES ($1, $2, $3::jsonb, $4::jsonb) RETURNING id::text AS id`,
      [
        id,
        subscription.channel.endpoint,
        JSON.stringify(subscription.channel.header ?? []),
        JSON.stringify(resource),
      ],
    );
    if (inserted) queued.push(inserted.id);
  }
  return queued;
}
