import { getTranslations } from 'next-intl/server';
import { ErrorNotice } from '@openpas/ui/states';

export async function Forbidden() {
  const t = await getTranslations('common');
  return <ErrorNotice title={t('forbidden')} />;
}
