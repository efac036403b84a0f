// How string-like search values are stored, and how a query value must be prepared to match them.
// The SQL side normalises every `string` query value (and every `:text` token value) with
// normaliseSearchString, then compares it as a prefix (or exactly for `:exact`) with the stored value.

/** Longest stored string value, in code points. Longer values are cut; queries must be cut the same way. */
export const SEARCH_STRING_MAX_LENGTH = 200;

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s+/gu;

/**
 * Lowercase, Unicode NFKD, combining marks removed, whitespace collapsed and trimmed.
 * `Ｃhén  Dà-Míng` → `chen da-ming`; Chinese characters pass through unchanged (NFKD maps only the
 * compatibility ideographs onto their unified forms).
 */
export function normaliseSearchString(value: string): string {
  return value.toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '').replace(WHITESPACE, ' ').trim();
}

/** The value written to search_string.value (and search_token.text): normalised, then cut to the maximum length. */
export function searchStringValue(value: string): string {
  const normalised = normaliseSearchString(value);
  if (normalised.length <= SEARCH_STRING_MAX_LENGTH) return normalised;
  return Array.from(normalised).slice(0, SEARCH_STRING_MAX_LENGTH).join('');
}
