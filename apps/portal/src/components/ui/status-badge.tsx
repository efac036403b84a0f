'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@openpas/ui/badge';

const TONE = {
  draft: 'neutral',
  pending: 'info',
  in_review: 'info',
  approved: 'good',
  rejected: 'bad',
  suspended: 'warn',
  retired: 'neutral',
} as const;

export function StatusBadge({ status }: { status: keyof typeof TONE }) {
  const t = useTranslations('vocab.status');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
