import { Loading } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';

export default async function PageLoading() {
  const t = await getTranslations('common');
  return <Loading label={t('loading')} />;
}
