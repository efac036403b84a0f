import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The workbench's heading and its two views: the cases to decide and the decision metrics. */
export async function ReviewTabs({ current }: { current: 'cases' | 'metrics' }) {
  const t = await getTranslations('review');
  const tabs = [
    { key: 'cases', href: '/review', label: t('tabs.cases') },
    { key: 'metrics', href: '/review/metrics', label: t('tabs.metrics') },
  ] as const;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{current === 'cases' ? t('title') : t('metricsTitle')}</h1>
      <nav aria-label={t('tabs.label')} className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? 'page' : undefined}
            className="-mb-px border-b-2 border-transparent px-4 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-700 aria-[current=page]:font-medium aria-[current=page]:text-brand-800"
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
