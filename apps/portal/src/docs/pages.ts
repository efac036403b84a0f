// The developer documentation's pages, in reading order: one Markdown file per page and language under
// apps/portal/docs/<locale>/<page>.md, and for some a section the portal generates at run time.

export const DOC_PAGES = [
  'getting-started',
  'endpoints',
  'scopes',
  'submit-bundle',
  'sandbox',
  'certification',
  'fhir-api',
] as const;

export type DocPage = (typeof DOC_PAGES)[number];

export function isDocPage(value: unknown): value is DocPage {
  return typeof value === 'string' && (DOC_PAGES as readonly string[]).includes(value);
}

/** Where a page lives in the portal. */
export function docPath(page: DocPage): string {
  return `/docs/${page}`;
}
