/** Resources found by canonical URL and version; without a version, the latest one. */
export class Canonicals<T extends { url: string; version: string | undefined }> {
  readonly #byUrl = new Map<string, T[]>();

  /** Adds one; a later one with the same url and version replaces the earlier (a later package wins). */
  add(item: T): void {
    const list = this.#byUrl.get(item.url) ?? [];
    const at = list.findIndex((other) => other.version === item.version);
    if (at === -1) list.push(item);
    else list[at] = item;
    list.sort((a, b) => compareVersions(b.version, a.version));
    this.#byUrl.set(item.url, list);
  }

  /** `url` may carry the version (`url|version`); an explicit `version` wins over it. */
  find(url: string, version?: string): T | undefined {
    const bar = url.indexOf('|');
    const plain = bar === -1 ? url : url.slice(0, bar);
    const wanted = version ?? (bar === -1 ? undefined : url.slice(bar + 1));
    const list = this.#byUrl.get(plain);
    if (!list) return undefined;
    return wanted === undefined ? list[0] : list.find((item) => item.version === wanted);
  }

  /** The versions held of a canonical URL, latest first. */
  versions(url: string): (string | undefined)[] {
    return (this.#byUrl.get(url) ?? []).map((item) => item.version);
  }
}

/** Versions in natural order (1.10 after 1.9, dates as dates); no version sorts first. */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}
