import { describe, expect, it } from 'vitest';
import { diffWords, displayValue, tokens } from './word-diff.ts';

describe('diffWords', () => {
  it('marks the words that were removed and added, keeping the rest', () => {
    expect(diffWords('Submit PA requests to NHI', 'Submit and track PA requests')).toEqual([
      { kind: 'same', text: 'Submit ' },
      { kind: 'added', text: 'and track ' },
      { kind: 'same', text: 'PA requests ' },
      { kind: 'removed', text: 'to NHI' },
    ]);
  });

  it('compares Chinese character by character', () => {
    expect(tokens('事前審查 app')).toEqual(['事', '前', '審', '查 ', 'app']);
    expect(diffWords('癌症用藥事前審查', '免疫用藥事前審查')).toEqual([
      { kind: 'removed', text: '癌症' },
      { kind: 'added', text: '免疫' },
      { kind: 'same', text: '用藥事前審查' },
    ]);
  });

  it('shows a first value as wholly added and a cleared one as wholly removed', () => {
    expect(diffWords('', 'https://a.example/jwks')).toEqual([
      { kind: 'added', text: 'https://a.example/jwks' },
    ]);
    expect(diffWords('x y', '')).toEqual([{ kind: 'removed', text: 'x y' }]);
  });
});

describe('displayValue', () => {
  it('writes lists one item a line and objects as key: value lines', () => {
    expect(displayValue(['https://a/cb', 'https://b/cb'])).toBe('https://a/cb\nhttps://b/cb');
    expect(displayValue({ encryption: 'TLS 1.3' })).toBe('encryption: TLS 1.3');
    expect(displayValue(null)).toBe('');
  });
});
