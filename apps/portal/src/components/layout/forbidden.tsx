import { ErrorNotice } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';

export async function Forbidden() {
  const t = await getTranslations('common');
  return <ErrorNotice title={t('forbidden')} />;
}
