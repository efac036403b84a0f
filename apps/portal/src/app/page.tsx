import { Button } from '@openpas/ui/button';
import { Empty } from '@openpas/ui/states';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AppCard } from '../components/catalog/app-card.tsx';
import { api } from '../server/session.ts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('catalog');
  return { title: t('title') };
}

const FILTERS = ['category', 'specialty', 'launchType', 'userType'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 20;

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The public catalog: one GET form (works without JavaScript), results best match first, pages. */
export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const t = await getTranslations('catalog');
  const vocab = await getTranslations('vocab');
  const caller = await api();
  const facets = await caller.catalog.facets();
  const choices: Record<Filter, readonly string[]> = {
    category: facets.categories,
    specialty: facets.specialties,
    launchType: facets.launchTypes,
    userType: facets.userTypes,
  };
  const vocabKey: Record<Filter, string> = {
    category: 'category',
    specialty: 'specialty',
    launchType: 'launchType',
    userType: 'userType',
  };
  const chosen = Object.fromEntries(
    FILTERS.map((name) => [name, choices[name].includes(one(params[name])) ? one(params[name]) : undefined]),
  ) as Record<Filter, string | undefined>;
  const q = one(params.q).slice(0, 200);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(params.page), 10) || 1));
  const results = await caller.catalog.search({
    q,
    page,
    pageSize: PAGE_SIZE,
    ...Object.fromEntries(Object.entries(chosen).filter(([, value]) => value)),
  });
  const pages = Math.max(1, Math.ceil(results.total / results.pageSize));
  const pageLink = (target: number) => {
    const query = new URLSearchParams();
    if (q) query.set('q', q);
    for (const name of FILTERS) if (chosen[name]) query.set(name, chosen[name] ?? '');
    query.set('page', String(target));
    return `/?${query}`;
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-1 text-slate-600">{t('intro')}</p>
      </div>
      <search>
        <form method="get" action="/" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex gap-2">
            <label htmlFor="catalog-q" className="sr-only">
              {t('search')}
            </label>
            <input
              id="catalog-q"
              name="q"
              type="search"
              defaultValue={q}
              placeholder={t('placeholder')}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <Button type="submit">{t('searchButton')}</Button>
          </div>
          <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <legend className="sr-only">{t('filters')}</legend>
            {FILTERS.map((name) => (
              <div key={name} className="space-y-1">
                <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
                  {t(name)}
                </label>
                <select
                  id={`filter-${name}`}
                  name={name}
                  defaultValue={chosen[name] ?? ''}
                  className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                >
                  <option value="">{t('any')}</option>
                  {choices[name].map((code) => (
                    <option key={code} value={code}>
                      {vocab(`${vocabKey[name]}.${code}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        </form>
      </search>

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-sm font-medium text-slate-600" aria-live="polite">
          {t('results', { total: results.total })}
        </h2>
        {results.items.length === 0 ? (
          <Empty title={t('empty')}>{t('emptyHint')}</Empty>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {results.items.map((app) => (
              <AppCard key={app.appId} app={app} />
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t('pagination')} className="flex items-center justify-between pt-2 text-sm">
            {page > 1 ? (
              <Link href={pageLink(page - 1)} className="text-brand-700 hover:underline">
                {t('previous')}
              </Link>
            ) : (
              <span />
            )}
            <span>{t('page', { page, pages })}</span>
            {page < pages ? (
              <Link href={pageLink(page + 1)} className="text-brand-700 hover:underline">
                {t('next')}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
