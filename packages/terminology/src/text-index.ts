// A substring index over the folded search texts of a code system's concepts: for every pair of adjacent
// characters, the ascending ordinals of the concepts whose text holds it, all in one Int32Array (a pair's
// list is a slice of it). A word of two characters or more is looked up by intersecting the lists of its
// pairs (rarest first) and then checked with `includes`; a one-character word is checked against every
// text. Built once per code system, on first use.

const EMPTY = new Int32Array(0);

const pairKey = (text: string, at: number) => text.charCodeAt(at) * 65_536 + text.charCodeAt(at + 1);

export class TextIndex {
  readonly #texts: readonly string[];
  /** pair → slot */
  readonly #slots = new Map<number, number>();
  /** slot → where its list starts in #ordinals (slot + 1: where it ends) */
  readonly #starts: Int32Array;
  readonly #ordinals: Int32Array;

  constructor(texts: readonly string[]) {
    this.#texts = texts;
    // Pass 1: count each pair once per text.
    const counts: number[] = [];
    const lastSeen: number[] = [];
    texts.forEach((text, ordinal) => {
      for (let at = 0; at + 1 < text.length; at++) {
        const key = pairKey(text, at);
        let slot = this.#slots.get(key);
        if (slot === undefined) {
          slot = counts.length;
          this.#slots.set(key, slot);
          counts.push(0);
          lastSeen.push(-1);
        }
        if (lastSeen[slot] === ordinal) continue;
        lastSeen[slot] = ordinal;
        counts[slot] = (counts[slot] as number) + 1;
      }
    });
    this.#starts = new Int32Array(counts.length + 1);
    for (let slot = 0; slot < counts.length; slot++)
      this.#starts[slot + 1] = (this.#starts[slot] as number) + (counts[slot] as number);
    // Pass 2: fill the lists; texts go in ordinal order, so each list comes out ascending.
    this.#ordinals = new Int32Array(this.#starts[counts.length] as number);
    const next = Int32Array.from(this.#starts.subarray(0, counts.length));
    lastSeen.fill(-1);
    texts.forEach((text, ordinal) => {
      for (let at = 0; at + 1 < text.length; at++) {
        const slot = this.#slots.get(pairKey(text, at)) as number;
        if (lastSeen[slot] === ordinal) continue;
        lastSeen[slot] = ordinal;
        this.#ordinals[next[slot] as number] = ordinal;
        next[slot] = (next[slot] as number) + 1;
      }
    });
  }

  /** Ordinals (ascending) of the texts that contain every word (words already folded). */
  match(words: readonly string[]): Int32Array {
    const texts = this.#texts;
    let candidates: Int32Array | undefined;
    for (const word of words) {
      if (word.length < 2) continue;
      candidates = candidates ? intersect(candidates, this.#candidates(word)) : this.#candidates(word);
      if (candidates.length === 0) return EMPTY;
    }
    // A word that is one pair needs no check: its list is exact.
    const check = words.filter((word) => word.length !== 2);
    if (candidates && check.length === 0) return candidates;
    const from = candidates ?? Int32Array.from(texts, (_, ordinal) => ordinal);
    const out = new Int32Array(from.length);
    let size = 0;
    for (let i = 0; i < from.length; i++) {
      const ordinal = from[i] as number;
      const text = texts[ordinal] as string;
      let all = true;
      for (let w = 0; w < check.length && all; w++) all = text.includes(check[w] as string);
      if (all) out[size++] = ordinal;
    }
    return out.subarray(0, size);
  }

  #list(key: number): Int32Array {
    const slot = this.#slots.get(key);
    if (slot === undefined) return EMPTY;
    return this.#ordinals.subarray(this.#starts[slot], this.#starts[slot + 1]);
  }

  /** The concepts holding every pair of `word`: the intersection of its pair lists, rarest first. */
  #candidates(word: string): Int32Array {
    const lists: Int32Array[] = [];
    for (let at = 0; at + 1 < word.length; at++) lists.push(this.#list(pairKey(word, at)));
    lists.sort((a, b) => a.length - b.length);
    let result: Int32Array = lists[0] ?? EMPTY;
    // A few lists narrow it enough; the `includes` check settles the rest.
    for (const list of lists.slice(1, 3)) {
      if (result.length < 32) break;
      result = intersect(result, list);
    }
    return result;
  }
}

/** The intersection of two ascending lists. */
function intersect(first: Int32Array, second: Int32Array): Int32Array {
  const [a, b] = first.length <= second.length ? [first, second] : [second, first];
  const out = new Int32Array(a.length);
  let size = 0;
  if (a.length * 16 < b.length) {
    // A short list against a long one: look each up in the long one.
    let from = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      let lo = from;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((b[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo < b.length && b[lo] === x) out[size++] = x;
      from = lo;
    }
    return out.subarray(0, size);
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[size++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, size);
}
