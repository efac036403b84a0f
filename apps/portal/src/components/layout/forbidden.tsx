import { getTranslations } from 'next-intl/server';
import { ErrorNotice } from '../ui/states.tsx';

export async function Forbidden() {
  const t = await getTranslations('common');
  return <ErrorNotice title={t('forbidden')} />;
}
