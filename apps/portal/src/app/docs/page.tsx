import { redirect } from 'next/navigation';
import { DOC_PAGES, docPath } from '../../docs/pages.ts';

/** The documentation starts at its first page. */
export default function DocsIndex() {
  redirect(docPath(DOC_PAGES[0]));
}
