import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locale.ts';
import { headingsOf } from './headings.ts';
import { DOC_PAGES } from './pages.ts';

const docsDir = resolve(import.meta.dirname, '../../docs');
const read = (locale: string, page: string) => readFileSync(join(docsDir, locale, `${page}.md`), 'utf8');

/** The Markdown without fenced code blocks and code spans, where Markdown syntax is literal. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

describe('the developer documentation’s Markdown', () => {
  it.each(LOCALES)('has exactly the documentation’s pages in %s', (locale) => {
    const files = readdirSync(join(docsDir, locale)).sort();
    expect(files).toEqual(DOC_PAGES.map((page) => `${page}.md`).sort());
  });

  it.each(DOC_PAGES)('gives %s the same headings, level by level, in both languages', (page) => {
    const [first, ...others] = LOCALES.map((locale) => headingsOf(read(locale, page)).map((h) => h.depth));
    for (const other of others) expect(other).toEqual(first);
  });

  it.each(DOC_PAGES)('starts %s with its one top-level heading and skips no level', (page) => {
    for (const locale of LOCALES) {
      const depths = headingsOf(read(locale, page)).map((heading) => heading.depth);
      expect(depths[0]).toBe(1);
      expect(depths.filter((depth) => depth === 1)).toHaveLength(1);
      depths.forEach((depth, index) => {
        if (index > 0) expect(depth).toBeLessThanOrEqual((depths[index - 1] ?? 1) + 1);
      });
    }
  });

  it.each(DOC_PAGES)('uses the same placeholders and links in both languages on %s', (page) => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{[A-Z_]+\}\}/g)].map((m) => m[0]).sort();
    const links = (text: string) => [...text.matchAll(/\]\((\/docs\/[\w-]+)\)/g)].map((m) => m[1]).sort();
    const [en, zh] = LOCALES.map((locale) => read(locale, page));
    expect(placeholders(zh ?? '')).toEqual(placeholders(en ?? ''));
    expect(links(zh ?? '')).toEqual(links(en ?? ''));
  });

  it('links only to pages that exist, and carries no raw HTML (the renderer would drop it)', () => {
    for (const locale of LOCALES)
      for (const page of DOC_PAGES) {
        const text = prose(read(locale, page));
        for (const [, target] of text.matchAll(/\]\(\/docs\/([\w-]+)\)/g))
          expect(DOC_PAGES as readonly string[]).toContain(target);
        expect(text).not.toMatch(/<\/?[a-zA-Z!][^>]*>/);
      }
  });
});
