/** A map or weak map whose values are maps by name: a memo keyed by two values. */
interface TwoLevelMemo<K, V> {
  get(key: K): Map<string, V> | undefined;
  set(key: K, value: Map<string, V>): unknown;
}

/** The inner map kept for `key`, made on first use (no closure per call: these memos sit on hot paths). */
export function innerMap<K, V>(memo: TwoLevelMemo<K, V>, key: K): Map<string, V> {
  let inner = memo.get(key);
  if (!inner) {
    inner = new Map();
    memo.set(key, inner);
  }
  return inner;
}
