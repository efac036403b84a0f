/** Seconds before the access token's expiry at which the app refreshes it (fhirclient alone waits until 10). */
export const REFRESH_MARGIN_SECONDS = 30;

/**
 * Milliseconds from `nowSeconds` until the refresh is due: the margin before expiry, or half the token's
 * remaining life when that is shorter, never less than one second.
 */
export function refreshDelay(expiresAt: number, nowSeconds: number): number {
  const remaining = expiresAt - nowSeconds;
  const lead = Math.min(REFRESH_MARGIN_SECONDS, remaining / 2);
  return Math.max(1, remaining - lead) * 1000;
}
