/** Helpers for the registered JWT claims (RFC 7519 §4.1) shared by client assertions and access tokens. */

/** Seconds since the epoch, as JWT NumericDate values are written. */
export function epochSeconds(now: Date = new Date()): number {
  return Math.floor(now.getTime() / 1000);
}

/** A NumericDate claim: its value, `undefined` when absent, or `'invalid'` when present but not a finite number. */
export function numericDateClaim(
  claims: Record<string, unknown>,
  name: string,
): number | undefined | 'invalid' {
  const value = claims[name];
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';
}

/** Whether an `aud` claim (a string or an array of strings) names at least one of the accepted audiences. */
export function audienceIncludes(aud: unknown, accepted: readonly string[]): boolean {
  if (typeof aud === 'string') return accepted.includes(aud);
  if (Array.isArray(aud)) return aud.some((entry) => typeof entry === 'string' && accepted.includes(entry));
  return false;
}

/** Throws a TypeError unless the value is a non-empty string (for options given by our own code). */
export function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return value;
}

/** Throws a RangeError unless the value is a whole number of seconds in [min, max]. */
export function requireSeconds(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number of seconds from ${min} to ${max}`);
  }
  return value;
}
