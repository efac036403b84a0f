import { describe, expect, it } from 'vitest';
import { fillPlaceholders, headingsOf } from './headings.ts';

describe('headingsOf', () => {
  it('reads ATX headings with their depth, words and line, numbering their ids in order', () => {
    const markdown = [
      '# Getting `started`',
      '',
      'Text.',
      '## Register an **app**',
      '### Its [scopes](/docs/scopes) ##',
    ].join('\n');
    expect(headingsOf(markdown)).toEqual([
      { depth: 1, text: 'Getting started', line: 1, id: 'section-1' },
      { depth: 2, text: 'Register an app', line: 4, id: 'section-2' },
      { depth: 3, text: 'Its scopes', line: 5, id: 'section-3' },
    ]);
  });

  it('ignores lines inside fenced code blocks and words that only start with a hash', () => {
    const markdown = [
      '## Token',
      '```sh',
      '# not a heading',
      '```',
      '#hashtag',
      '~~~',
      '## nor this',
      '~~~',
      '## After',
    ].join('\n');
    expect(headingsOf(markdown).map((heading) => heading.text)).toEqual(['Token', 'After']);
  });
});

describe('fillPlaceholders', () => {
  it('puts in the values it has and leaves the others as written', () => {
    expect(fillPlaceholders('curl {{FHIR_BASE}}/metadata {{UNKNOWN}}', { FHIR_BASE: 'https://x/fhir' })).toBe(
      'curl https://x/fhir/metadata {{UNKNOWN}}',
    );
  });
});
