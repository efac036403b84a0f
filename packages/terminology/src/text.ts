// How filter text and concept text are compared: Unicode NFKC (full-width Latin letters and digits become
// ASCII), lower case, and the two forms of 臺/台 folded into one, so that 「台大」 finds 「臺大醫院」.

const VARIANTS: Record<string, string> = { 台: '臺' };
const VARIANT_PATTERN = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(VARIANT_PATTERN, (char) => VARIANTS[char] ?? char);
}

/** The words of a filter, folded: a concept matches when every word occurs in its code, display or designations. */
export function filterWords(filter: string): string[] {
  return foldText(filter)
    .split(/\s+/)
    .filter((word) => word.length > 0);
}
