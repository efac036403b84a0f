'use client';

import { Badge } from '@openpas/ui/badge';
import { useTranslations } from 'next-intl';

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
