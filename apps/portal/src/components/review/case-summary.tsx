import { Badge } from '@openpas/ui/badge';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SlaBadge } from './sla-badge.tsx';
import type { ReviewCaseAnswer } from './types.ts';

const TAIPEI = 'Asia/Taipei';

/** The case's heading: its number, request type, status and decision clock. */
export async function CaseSummary({ found }: { found: ReviewCaseAnswer }) {
  const t = await getTranslations('review.case');
  const format = await getFormatter();
  const locale = await getLocale();
  const label = (pair: { zh: string; en: string }) => (locale === 'zh-TW' ? pair.zh : pair.en);
  const view = found.view;
  return (
    <header className="space-y-3">
      <h1 className="text-2xl font-semibold">
        {t('heading', { number: view.acceptanceNumber ?? found.id })}
      </h1>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge tone={view.decided ? 'good' : 'info'}>{label(view.statusLabel)}</Badge>
        {view.applyType ? (
          <span>
            {t('applyType')}: {label(view.applyType)}
          </span>
        ) : null}
        <span className="flex items-center gap-2">
          <span className="font-medium">{t('clock')}:</span>
          {found.due
            ? format.dateTime(new Date(found.due), {
                dateStyle: 'medium',
                timeStyle: 'short',
                timeZone: TAIPEI,
              })
            : null}
          <SlaBadge due={found.due} decidedAt={found.decidedBy?.at ?? null} />
        </span>
      </div>
    </header>
  );
}
