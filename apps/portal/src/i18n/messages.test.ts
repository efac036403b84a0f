import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import zhTW from '../../messages/zh-TW.json' with { type: 'json' };

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

describe('the portal’s messages', () => {
  it('has every English message in Traditional Chinese too, and no other', () => {
    expect(keys(zhTW).sort()).toEqual(keys(en).sort());
  });

  it('leaves no message empty', () => {
    const empty = [en, zhTW].flatMap((messages) =>
      keys(messages).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        return typeof value !== 'string' || value.trim() === '';
      }),
    );
    expect(empty).toEqual([]);
  });
});
