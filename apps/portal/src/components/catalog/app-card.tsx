import type { ListingSummaryView } from '@openpas/app-registry';
import { Badge } from '@openpas/ui/badge';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLogo } from './app-logo.tsx';

/** One app in the catalog's results: logo, name, summary in the reader's language, what it is for. */
export async function AppCard({ app }: { app: ListingSummaryView }) {
  const locale = await getLocale();
  const t = await getTranslations('catalog');
  const vocab = await getTranslations('vocab');
  const summary = locale === 'zh-TW' && app.summaryZh ? app.summaryZh : app.summaryEn;
  return (
    <li className="flex gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <AppLogo path={app.logoPath} name={app.name} />
      <div className="min-w-0 flex-1 space-y-1">
        <h3 className="text-base font-semibold">
          <Link href={`/apps/${app.slug}`} className="text-brand-800 hover:underline">
            {app.name}
          </Link>
        </h3>
        <p className="text-sm text-slate-500">{t('by', { developer: app.developerName })}</p>
        <p className="text-sm text-slate-700">{summary}</p>
        <div className="flex flex-wrap gap-1 pt-1">
          {app.launchTypes.map((type) => (
            <Badge key={type} tone="info">
              {vocab(`launchType.${type}`)}
            </Badge>
          ))}
          {app.categories.map((category) => (
            <Badge key={category}>{vocab(`category.${category}`)}</Badge>
          ))}
        </div>
      </div>
    </li>
  );
}
