import type { CaseView } from '@openpas/pa-request';
import { Badge } from '@openpas/ui/badge';
import { useLocale } from '../i18n/locale.tsx';

const TONE = { queued: 'info', complete: 'good', partial: 'warn', error: 'bad' } as const;

export function CaseStatus({ view }: { view: Pick<CaseView, 'outcome' | 'statusLabel'> }) {
  const { locale } = useLocale();
  return (
    <Badge tone={TONE[view.outcome as keyof typeof TONE] ?? 'neutral'}>
      {locale === 'en' ? view.statusLabel.en : view.statusLabel.zh}
    </Badge>
  );
}
