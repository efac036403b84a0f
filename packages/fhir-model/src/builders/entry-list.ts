import type { BundleEntry, FhirResource } from '../types.ts';
import type { UrnAllocator } from './ids.ts';

/** Entries in order; a slot is placed (and its full URL handed out) before its resource is built. */
export class EntryList {
  readonly #urns: UrnAllocator;
  readonly #slots: { fullUrl: string; resource?: FhirResource }[] = [];

  constructor(urns: UrnAllocator) {
    this.#urns = urns;
  }

  slot(name: string): string {
    const fullUrl = this.#urns.urn(name);
    this.#slots.push({ fullUrl });
    return fullUrl;
  }

  fill(fullUrl: string, resource: FhirResource): string {
    const slot = this.#slots.find((s) => s.fullUrl === fullUrl);
    if (!slot || slot.resource) throw new Error(`no empty slot for ${fullUrl}`);
    slot.resource = resource;
    return fullUrl;
  }

  add(name: string, resource: FhirResource): string {
    return this.fill(this.slot(name), resource);
  }

  entries(): BundleEntry[] {
    return this.#slots.map(({ fullUrl, resource }) => {
      if (!resource) throw new Error(`entry ${fullUrl} was never filled`);
      return { fullUrl, resource };
    });
  }
}
