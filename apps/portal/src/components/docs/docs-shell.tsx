import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DOC_PAGES, type DocPage, docPath } from '../../docs/pages.ts';

export interface ContentsEntry {
  id: string;
  title: string;
}

/** A documentation page: the pages' side navigation and this page's contents beside the article. */
export async function DocsShell({
  page,
  contents,
  children,
}: {
  page: DocPage;
  contents: ContentsEntry[];
  children: ReactNode;
}) {
  const t = await getTranslations('docs');
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <aside className="space-y-6 text-sm lg:sticky lg:top-4 lg:self-start">
        <nav aria-label={t('pagesNav')}>
          <p className="mb-2 font-semibold text-slate-900">{t('title')}</p>
          <ul className="space-y-1">
            {DOC_PAGES.map((item) => (
              <li key={item}>
                <Link
                  href={docPath(item)}
                  aria-current={item === page ? 'page' : undefined}
                  className={
                    item === page
                      ? 'block rounded bg-brand-50 px-2 py-1 font-medium text-brand-800'
                      : 'block rounded px-2 py-1 text-slate-700 hover:bg-slate-100'
                  }
                >
                  {t(`pages.${item}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {contents.length > 0 ? (
          <nav aria-label={t('onThisPage')}>
            <p className="mb-2 font-semibold text-slate-900">{t('onThisPage')}</p>
            <ul className="space-y-1">
              {contents.map((entry) => (
                <li key={entry.id}>
                  <a href={`#${entry.id}`} className="block px-2 py-0.5 text-slate-700 hover:text-brand-700">
                    {entry.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </aside>
      <article className="min-w-0 rounded-lg border border-slate-200 bg-white p-6">{children}</article>
    </div>
  );
}
