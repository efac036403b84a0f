/** Polls start every 2 seconds and double while nothing changes, up to a minute; a change starts over. */
export const FIRST_POLL_MS = 2_000;
export const LAST_POLL_MS = 60_000;

export function pollDelay(unchangedPolls: number): number {
  return Math.min(LAST_POLL_MS, FIRST_POLL_MS * 2 ** Math.max(0, unchangedPolls));
}
