import { getTranslations } from 'next-intl/server';
import { Loading } from '@openpas/ui/states';

export default async function PageLoading() {
  const t = await getTranslations('common');
  return <Loading label={t('loading')} />;
}
