import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'use-intl';
import { CaseStatus } from '../components/status-badge.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { listCases } from '../smart/cases.ts';
import { useSession } from '../smart/session-context.tsx';

type Stage = 'received' | 'review' | 'decided' | 'problem';

function stageOf(outcome: string, status: string): Stage {
  if (outcome === 'error') return 'problem';
  if (outcome === 'complete') return 'decided';
  return status === '審查中' || status === '已受理' ? 'review' : 'received';
}

/** A patient's own requests, in plain words: where each stands and what was decided. */
export function MyRequestsPage() {
  const t = useTranslations('mine');
  const format = useFormatter();
  const { locale } = useLocale();
  const { client, guard } = useSession();
  const cases = useQuery({
    queryKey: ['my-cases'],
    queryFn: () => listCases(client).catch(guard),
    refetchInterval: 60_000,
  });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-6 text-slate-700">{t('intro')}</p>
      {cases.isPending ? <Loading label={t('loading')} /> : null}
      {cases.isError ? <ErrorNotice title={t('failed')} detail={cases.error.message} /> : null}
      {cases.data?.length === 0 ? <Empty title={t('none')}>{t('noneDetail')}</Empty> : null}
      <ul className="space-y-4">
        {cases.data?.map((row) => {
          const stage = stageOf(row.outcome, row.status);
          return (
            <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-lg font-medium">
                  {t('request', {
                    date: row.created ? format.dateTime(new Date(row.created), { dateStyle: 'long' }) : '',
                  })}
                </h2>
                <CaseStatus view={row} />
              </div>
              <p className="mt-2">{t(`stage.${stage}`)}</p>
              {stage === 'decided' ? (
                <ul className="mt-2 list-disc pl-5 text-sm">
                  {row.items.map((item) => (
                    <li key={item.sequence}>
                      {t('item', { n: item.sequence })}:{' '}
                      {item.label ? (locale === 'en' ? item.label.en : item.label.zh) : t('pending')}
                      {item.comment ? ` — ${item.comment}` : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
