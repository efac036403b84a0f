import { Badge } from '@openpas/ui/badge';
import { getTranslations } from 'next-intl/server';
import { slaState, slaTone } from './sla.ts';

/** The decision clock as a badge, worked out when the page is rendered. */
export async function SlaBadge({ due, decidedAt }: { due: string | null; decidedAt: string | null }) {
  const t = await getTranslations('review.sla');
  const state = slaState(due, decidedAt, new Date());
  const text =
    state.kind === 'none'
      ? t('none')
      : state.kind === 'due-in'
        ? t('dueIn', { days: state.days })
        : state.kind === 'due-today'
          ? t('dueToday')
          : state.kind === 'overdue'
            ? t('overdue', { days: state.days })
            : state.kind === 'met'
              ? t('met')
              : t('missed');
  return <Badge tone={slaTone(state)}>{text}</Badge>;
}
