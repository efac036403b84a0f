import { describe, expect, it } from 'vitest';
import { jsonTextOf, parseRememberingText } from './json-text.ts';

describe('the JSON text of a parsed request body', () => {
  it('is kept for the object or array parsed from it, and for nothing else', () => {
    const text = '{ "resourceType": "Bundle", "entry": [ {} ] }';
    const bundle = parseRememberingText(text) as { entry: unknown[] };
    expect(bundle).toEqual({ resourceType: 'Bundle', entry: [{}] });
    expect(jsonTextOf(bundle)).toBe(text);
    expect(jsonTextOf(bundle.entry)).toBeUndefined();
    expect(jsonTextOf({ ...bundle })).toBeUndefined();
    expect(jsonTextOf(JSON.parse(text))).toBeUndefined();
    const list = parseRememberingText('[1]');
    expect(list).toEqual([1]);
    expect(jsonTextOf(list)).toBe('[1]');
    expect(parseRememberingText('"Bundle"')).toBe('Bundle');
    expect(jsonTextOf('Bundle')).toBeUndefined();
    expect(jsonTextOf(null)).toBeUndefined();
  });
});
