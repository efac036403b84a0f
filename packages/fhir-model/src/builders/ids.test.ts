import { describe, expect, it } from 'vitest';
import { deterministicUuid, UrnAllocator } from './ids.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicUuid', () => {
  it('gives the same version-4-shaped UUID for the same seed and name', () => {
    expect(deterministicUuid('seed', 'patient')).toBe(deterministicUuid('seed', 'patient'));
    expect(deterministicUuid('seed', 'patient')).toMatch(UUID_V4);
  });

  it('gives different UUIDs for another name or another seed', () => {
    const uuids = new Set([
      deterministicUuid('seed', 'patient'),
      deterministicUuid('seed', 'claim'),
      deterministicUuid('other', 'patient'),
    ]);
    expect(uuids.size).toBe(3);
  });
});

describe('UrnAllocator', () => {
  it('hands out urn:uuid full URLs, seeded ones reproducibly', () => {
    expect(new UrnAllocator('s').urn('claim')).toBe(`urn:uuid:${deterministicUuid('s', 'claim')}`);
    expect(new UrnAllocator().urn('claim')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('refuses to hand out the same name twice', () => {
    const urns = new UrnAllocator('s');
    urns.urn('claim');
    expect(() => urns.urn('claim')).toThrow('entry name "claim" was allocated twice');
  });
});
