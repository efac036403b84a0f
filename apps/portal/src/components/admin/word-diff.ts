// A word-level diff for the admin's review: the longest common subsequence of the two texts' tokens
// (words with the spaces after them, and each CJK character on its own, since Chinese has no spaces
// between words). Tokens are compared without their spaces.

export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const TOKEN = /[\u3400-\u9fff\uf900-\ufaff]\s*|[^\s\u3400-\u9fff\uf900-\ufaff]+\s*|\s+/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Texts longer than this many tokens on both sides are shown as removed + added (the table is quadratic). */
const MAX_TOKENS = 2000;

export function diffWords(before: string, after: string): DiffPart[] {
  const aText = tokens(before);
  const bText = tokens(after);
  const a = aText.map((token) => token.trim());
  const b = bText.map((token) => token.trim());
  if (a.length * b.length > (MAX_TOKENS * MAX_TOKENS) / 4) {
    return [
      ...(before ? [{ kind: 'removed' as const, text: before }] : []),
      ...(after ? [{ kind: 'added' as const, text: after }] : []),
    ];
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const lengths: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lengths[i] as Uint32Array;
    const below = lengths[i + 1] as Uint32Array;
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', aText[i] as string);
      i++;
      j++;
    } else if (
      ((lengths[i + 1] as Uint32Array)[j] as number) >= ((lengths[i] as Uint32Array)[j + 1] as number)
    ) {
      push('removed', aText[i++] as string);
    } else {
      push('added', bText[j++] as string);
    }
  }
  while (i < a.length) push('removed', aText[i++] as string);
  while (j < b.length) push('added', bText[j++] as string);
  return parts;
}

/** A field's value as text for the diff: lists one item a line, objects as `key: value` lines. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(displayValue).join('\n');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${displayValue(inner)}`)
      .join('\n');
  }
  return String(value);
}
