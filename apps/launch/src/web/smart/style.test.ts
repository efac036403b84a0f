import { describe, expect, it } from 'vitest';
import { styleVariables } from './style.ts';

describe('SMART styling hints', () => {
  it('become the custom properties the stylesheet reads', () => {
    expect(
      styleVariables({
        color_highlight: '#1d4ed8',
        font_family_body: 'system-ui, "Noto Sans TC", sans-serif',
      }),
    ).toEqual({
      '--smart-highlight': '#1d4ed8',
      '--smart-accent': '#1d4ed8',
      '--smart-font': 'system-ui, "Noto Sans TC", sans-serif',
    });
  });
  it('skip anything that could break out of a CSS value', () => {
    expect(styleVariables({ color_highlight: 'red; background: url(https://evil.example/x)' })).toEqual({});
  });
});
