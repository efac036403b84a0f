import type { Subscription } from '@openpas/fhir-model';
import { StoreError } from '../repository/errors.ts';

export interface SubscriptionPolicy {
  /** http endpoints on localhost are accepted (development and tests only; never in production) */
  readonly allowLoopbackHttp: boolean;
}

/**
 * What this server accepts as a Subscription, on create and on every update alike: rest-hook, criteria on
 * ClaimResponse (a hospital follows its own cases; the owner filter is applied on every match), an https
 * endpoint without credentials in the URL. An accepted Subscription is active at once.
 */
export function acceptSubscription(subscription: Subscription, policy: SubscriptionPolicy): Subscription {
  const invalid = (message: string, expression: string) =>
    new StoreError('business-rule', message, expression);
  if (subscription.channel?.type !== 'rest-hook')
    throw invalid('only rest-hook channels are supported', 'Subscription.channel.type');
  const criteria = subscription.criteria ?? '';
  if (!/^ClaimResponse(\?.*)?$/.test(criteria))
    throw invalid(
      'criteria must be a ClaimResponse search, e.g. "ClaimResponse?disposition=審畢結果"',
      'Subscription.criteria',
    );
  let endpoint: URL;
  try {
    endpoint = new URL(subscription.channel.endpoint ?? '');
  } catch {
    throw invalid('channel.endpoint must be an absolute URL', 'Subscription.channel.endpoint');
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(endpoint.hostname);
  if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && local && policy.allowLoopbackHttp))
    throw invalid('channel.endpoint must be https', 'Subscription.channel.endpoint');
  if (endpoint.username || endpoint.password)
    throw invalid('channel.endpoint may not carry credentials', 'Subscription.channel.endpoint');
  return { ...subscription, status: 'active' };
}
