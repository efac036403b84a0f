import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '../../../components/layout/forbidden.tsx';
import { MetricsView } from '../../../components/metrics/metrics-view.tsx';
import { parseMetrics } from '../../../components/metrics/parse-metrics.ts';
import { InvalidRequest } from '../../../components/review/invalid-request.tsx';
import { ReviewTabs } from '../../../components/review/review-tabs.tsx';
import { callForPage } from '../../../server/call.ts';
import { requireRole } from '../../../server/require-role.ts';
import { api } from '../../../server/session.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('metrics'))('title') };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function month(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && MONTH.test(text) ? text : undefined;
}

export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = await searchParams;
  const period = { from: month(search.from), to: month(search.to) };
  const query = new URLSearchParams(
    Object.entries(period).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const returnTo = `/review/metrics${query.size ? `?${query.toString()}` : ''}`;
  const { allowed } = await requireRole('reviewer', returnTo);
  if (!allowed) return <Forbidden />;
  if (period.from && period.to && period.from > period.to) {
    const t = await getTranslations('review');
    return <InvalidRequest reason={t('periodOrder')} back="/review/metrics" />;
  }
  const client = await api();
  const answer = await callForPage(returnTo, () => client.review.metrics(period));
  if (!answer.ok)
    return 'invalid' in answer ? (
      <InvalidRequest reason={answer.invalid} back="/review/metrics" />
    ) : (
      <Forbidden />
    );
  const metrics = parseMetrics(answer.value);
  const t = await getTranslations('review');
  return (
    <div className="space-y-6">
      <ReviewTabs current="metrics" />
      <form
        method="get"
        action="/review/metrics"
        aria-label={t('period')}
        className="flex flex-wrap items-end gap-4"
      >
        <div className="space-y-1">
          <label htmlFor="metrics-from" className="block text-sm font-medium">
            {t('from')}
          </label>
          <input
            id="metrics-from"
            type="month"
            name="from"
            defaultValue={period.from ?? metrics.from}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="metrics-to" className="block text-sm font-medium">
            {t('to')}
          </label>
          <input
            id="metrics-to"
            type="month"
            name="to"
            defaultValue={period.to ?? metrics.to}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t('showPeriod')}
        </button>
      </form>
      <MetricsView metrics={metrics} />
    </div>
  );
}
