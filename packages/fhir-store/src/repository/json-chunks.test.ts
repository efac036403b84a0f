import { readdirSync, readFileSync } from 'node:fs';
import type { Resource } from '@openpas/fhir-model';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { jsonChunks, resourceChunks, utf8Of } from './json-chunks.ts';
import { newResourceRows, newRowsChunks } from './resources.ts';

const odd = {
  resourceType: 'Bundle',
  text: '王小明 "quoted" \\ back\nslash \u2028 \ud83d\ude00 \u0000',
  numbers: [0, -0, 1.5, 1e21, -2e-7, Number.NaN, Number.POSITIVE_INFINITY],
  gone: undefined,
  fn: () => 1,
  list: [undefined, () => 1, Symbol('s'), null, true, {}, [], [[[[[1, [2, { deep: '深' }]]]]]]],
  when: new Date('2026-12-07T10:00:00Z'),
  nested: { a: { b: { c: { d: { e: { f: '很深' } } } } }, '': 'empty key', ключ: 1 },
  entry: Array.from({ length: 40 }, (_, i) => ({
    fullUrl: `urn:uuid:${i}`,
    resource: { n: i, t: '中文'.repeat(900) },
  })),
};

describe('JSON text in pieces', () => {
  it('joins to exactly what JSON.stringify writes, in pieces short enough', () => {
    for (const value of [odd, null, 'text', 7, [], {}, [undefined], { a: undefined }, odd.entry]) {
      const chunks = jsonChunks(value);
      expect(chunks.join('')).toBe(JSON.stringify(value) ?? 'null');
    }
    const chunks = jsonChunks(odd);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(24_000);
    expect(utf8Of(chunks).toString('utf8')).toBe(JSON.stringify(odd));
  });

  it('keeps a member longer than a piece whole', () => {
    const long = { a: 'x'.repeat(50_000), b: 1 };
    const chunks = jsonChunks(long);
    expect(chunks.join('')).toBe(JSON.stringify(long));
    expect(chunks.some((chunk) => chunk.length > 50_000)).toBe(true);
  });

  it('writes a resource whole, and a Bundle in pieces of its entries', () => {
    const patient = { resourceType: 'Patient', name: [{ text: '王小明' }] };
    expect(resourceChunks(patient)).toEqual([JSON.stringify(patient)]);
    const pieces = resourceChunks(odd);
    expect(pieces.join('')).toBe(JSON.stringify(odd));
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(24_000);
  });

  it("writes new resources' rows as JSON.stringify does, taking content already written", () => {
    const patient = { resourceType: 'Patient', id: 'p1', name: [{ text: '王小明' }] } as Resource;
    const bundle = { ...odd, id: 'b1', entry: odd.entry } as unknown as Resource;
    const owned = newResourceRows([patient, bundle], {
      owner: '0b6c6f0e-1f4a-4c1e-9f0e-2f1d3c4b5a69',
      keepId: true,
    });
    expect(newRowsChunks(owned.rows).join('')).toBe(JSON.stringify(owned.rows));
    const ownerless = newResourceRows([patient], { owner: null, keepId: true }).rows;
    expect(newRowsChunks(ownerless).join('')).toBe(JSON.stringify(ownerless));
    const content = jsonChunks(owned.rows.resources[1]?.content);
    expect(newRowsChunks(owned.rows, [undefined, content]).join('')).toBe(JSON.stringify(owned.rows));
  });
});

describe.skipIf(!sharedAvailable())('JSON text in pieces, of the official TWPAS examples', () => {
  it('joins to exactly what JSON.stringify writes for every example', () => {
    const dir = sharedPath('twpas', 'examples');
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const example: unknown = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
      expect(jsonChunks(example).join(''), file).toBe(JSON.stringify(example));
    }
  });

  it("writes the rows of an official Bundle's resources as JSON.stringify does", () => {
    const bundle = JSON.parse(readFileSync(sharedPath('twpas', 'examples', 'Bundle-bun-1.json'), 'utf8')) as {
      entry: { resource: Resource }[];
    };
    const { rows } = newResourceRows(
      bundle.entry.map((entry) => entry.resource),
      { owner: '0b6c6f0e-1f4a-4c1e-9f0e-2f1d3c4b5a69', keepId: true },
    );
    expect(rows.index.tokens.length).toBeGreaterThan(20);
    expect(newRowsChunks(rows).join('')).toBe(JSON.stringify(rows));
  });
});
