import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t('notFound')}</h1>
      <p>{t('notFoundText')}</p>
      <Link href="/" className="text-brand-700 underline">
        {t('home')}
      </Link>
    </div>
  );
}
