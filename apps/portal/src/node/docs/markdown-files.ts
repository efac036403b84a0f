import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DocPage } from '../../docs/pages.ts';
import type { Locale } from '../../i18n/locale.ts';

/** The documentation's Markdown, kept in the repository beside the portal: docs/<locale>/<page>.md. */
export const docsDir = resolve(import.meta.dirname, '../../../docs');

export function docFile(page: DocPage, locale: Locale): string {
  return join(docsDir, locale, `${page}.md`);
}

export function readDocMarkdown(page: DocPage, locale: Locale): Promise<string> {
  return readFile(docFile(page, locale), 'utf8');
}
