import type { Subscription } from '@openpas/fhir';
import type { FhirEnv } from '../env.ts';
import { FhirHttpError } from '../http/errors.ts';

/**
 * What this server accepts as a Subscription: rest-hook, criteria on ClaimResponse (a hospital follows
 * its own cases; the owner filter is applied on every match), an https endpoint (http only for
 * localhost outside production). An accepted Subscription is active at once.
 */
export function acceptSubscription(subscription: Subscription, env: FhirEnv): Subscription {
  const invalid = (message: string, expression: string) =>
    new FhirHttpError(422, 'business-rule', message, expression);
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
  if (
    endpoint.protocol !== 'https:' &&
    !(endpoint.protocol === 'http:' && local && env.NODE_ENV !== 'production')
  ) {
    throw invalid('channel.endpoint must be https', 'Subscription.channel.endpoint');
  }
  if (endpoint.username || endpoint.password)
    throw invalid('channel.endpoint may not carry credentials', 'Subscription.channel.endpoint');
  return { ...subscription, status: 'active' };
}
