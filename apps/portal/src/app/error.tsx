'use client';

import { Button } from '@openpas/ui/button';
import { ErrorNotice } from '@openpas/ui/states';
import { useTranslations } from 'next-intl';

export default function PageError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('common');
  return (
    <div className="space-y-4">
      <ErrorNotice title={t('error')} />
      <Button variant="secondary" onClick={reset}>
        {t('retry')}
      </Button>
    </div>
  );
}
