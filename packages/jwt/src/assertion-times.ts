import { numericDateClaim } from './claims.ts';
import { AssertionError } from './errors.ts';

/** SMART Backend Services: an assertion's `exp` is at most five minutes ahead. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** An assertion is made just before it is sent: one whose `iat` is older than this is refused. */
export const MAX_ASSERTION_AGE_SECONDS = 300;
/** The largest clock skew any check accepts. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 60;

export interface AssertionTimeRules {
  /** Seconds since the epoch. */
  readonly now: number;
  /** How far ahead of now `exp` may be (at most 300). */
  readonly maxLifetimeSeconds: number;
  /** Allowed clock skew for `exp`, `iat` and `nbf` (at most 60). */
  readonly clockToleranceSeconds: number;
  /** How old `iat` may be; {@link MAX_ASSERTION_AGE_SECONDS} by default. */
  readonly maxAgeSeconds?: number;
}

/**
 * The time claims of a client assertion: `exp` present, not past and at most `maxLifetimeSeconds` ahead;
 * `iat` (optional) neither in the future nor older than `maxAgeSeconds`; `nbf` (optional) not in the
 * future — each with `clockToleranceSeconds` of skew. A lifetime check alone lets a year-old assertion
 * with a fresh `exp` through, hence the age check. Throws {@link AssertionError}.
 */
export function checkAssertionTimes(
  claims: Record<string, unknown>,
  rules: AssertionTimeRules,
): { exp: number; iat: number | undefined } {
  const { now, maxLifetimeSeconds: maxLifetime, clockToleranceSeconds: tolerance } = rules;
  const maxAge = rules.maxAgeSeconds ?? MAX_ASSERTION_AGE_SECONDS;
  const exp = numericDateClaim(claims, 'exp');
  if (exp === undefined) throw new AssertionError('missing_exp', 'The assertion has no exp claim.');
  if (exp === 'invalid') throw new AssertionError('malformed', 'The assertion exp claim is not a number.');
  if (exp <= now - tolerance) throw new AssertionError('expired', 'The assertion has expired.');
  if (exp > now + maxLifetime + tolerance) {
    throw new AssertionError('exp_too_far', `The assertion exp is more than ${maxLifetime} seconds ahead.`);
  }
  const iat = numericDateClaim(claims, 'iat');
  const nbf = numericDateClaim(claims, 'nbf');
  if (iat === 'invalid' || nbf === 'invalid') {
    throw new AssertionError('malformed', 'The assertion iat or nbf claim is not a number.');
  }
  if (iat !== undefined && iat > now + tolerance) {
    throw new AssertionError(
      'not_yet_valid',
      'The assertion iat is in the future (beyond the allowed clock skew).',
    );
  }
  if (iat !== undefined && iat < now - maxAge - tolerance) {
    throw new AssertionError(
      'iat_too_old',
      `The assertion iat is more than ${maxAge} seconds in the past: assertions must be freshly made.`,
    );
  }
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new AssertionError('not_yet_valid', 'The assertion is not valid yet (nbf).');
  }
  return { exp, iat };
}
