import { hashBytes } from '../seeded-hash.ts';

/** A version-4-shaped UUID derived from a seed and a name: same inputs, same UUID. */
export function deterministicUuid(seed: string, name: string): string {
  const bytes = hashBytes(`${seed}\u0000${name}`);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Hands out `urn:uuid:` full URLs for the entries of one Bundle. With a seed the UUIDs are derived
 * from the seed and the entry's name (so rebuilding a seeded case gives the same Bundle); without one
 * they are random.
 */
export class UrnAllocator {
  readonly #seed: string | undefined;
  readonly #used = new Set<string>();

  constructor(seed?: string) {
    this.#seed = seed;
  }

  urn(name: string): string {
    if (this.#used.has(name)) throw new Error(`entry name "${name}" was allocated twice`);
    this.#used.add(name);
    const uuid =
      this.#seed === undefined ? globalThis.crypto.randomUUID() : deterministicUuid(this.#seed, name);
    return `urn:uuid:${uuid}`;
  }
}
