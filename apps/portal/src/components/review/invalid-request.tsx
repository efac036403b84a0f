import { ErrorNotice } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';

/** A workbench page asked for something the API refused (an old paging cursor, a period the wrong way round). */
export async function InvalidRequest({ reason, back }: { reason: string; back: string }) {
  const t = await getTranslations('review');
  return (
    <div className="space-y-4">
      <ErrorNotice title={t('invalid')} detail={reason} />
      <a href={back} className="text-sm text-brand-700 hover:underline">
        {t('startOver')}
      </a>
    </div>
  );
}
