import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '../../components/layout/forbidden.tsx';
import { InvalidRequest } from '../../components/review/invalid-request.tsx';
import { QueueFilterForm } from '../../components/review/queue-filters.tsx';
import { QueueTable } from '../../components/review/queue-table.tsx';
import { ReviewTabs } from '../../components/review/review-tabs.tsx';
import { callForPage } from '../../server/call.ts';
import { requireRole } from '../../server/require-role.ts';
import { api } from '../../server/session.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

function one(search: Search, name: string): string | undefined {
  const value = search[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const returnTo = `/review${Object.keys(search).length ? `?${new URLSearchParams(search as Record<string, string>).toString()}` : ''}`;
  const { allowed } = await requireRole('reviewer', returnTo);
  if (!allowed) return <Forbidden />;
  const filters = {
    hospital: one(search, 'hospital'),
    drug: one(search, 'drug'),
    status: one(search, 'status') ?? 'open',
    dueBy: one(search, 'dueBy'),
    cursor: one(search, 'cursor'),
  };
  const defined = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  const client = await api();
  const answer = await callForPage(returnTo, async () => ({
    page: await client.review.queue(defined as never),
    choices: await client.review.filterChoices(),
  }));
  if (!answer.ok)
    return 'invalid' in answer ? <InvalidRequest reason={answer.invalid} back="/review" /> : <Forbidden />;
  const t = await getTranslations('review');
  const { page, choices } = answer.value;
  const withoutCursor = new URLSearchParams(
    Object.entries(defined).filter(([name]) => name !== 'cursor') as [string, string][],
  );
  const nextHref = page.nextCursor
    ? `/review?${new URLSearchParams([...withoutCursor, ['cursor', page.nextCursor]]).toString()}`
    : null;
  return (
    <div className="space-y-6">
      <ReviewTabs current="cases" />
      <QueueFilterForm hospitals={choices.hospitals} statuses={choices.statuses} values={filters} />
      <section aria-labelledby="queue-heading" className="space-y-3">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="queue-heading" className="font-semibold">
            {t('queueHeading')}
          </h2>
        </div>
        <QueueTable rows={page.rows} />
        <nav aria-label={t('queueHeading')} className="flex gap-4 text-sm">
          {filters.cursor ? (
            <a className="text-brand-700 hover:underline" href={`/review?${withoutCursor.toString()}`}>
              {t('firstPage')}
            </a>
          ) : null}
          {nextHref ? (
            <a className="text-brand-700 hover:underline" href={nextHref}>
              {t('nextPage')}
            </a>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
