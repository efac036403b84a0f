import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewApp } from '../../../../components/developer/new-app.tsx';
import { Forbidden } from '../../../../components/layout/forbidden.tsx';
import { requireRole } from '../../../../server/require-role.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('appForm'))('newTitle') };
}

export default async function NewAppPage() {
  const { allowed } = await requireRole('developer', '/developer/apps/new');
  if (!allowed) return <Forbidden />;
  const t = await getTranslations('appForm');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
      <NewApp />
    </div>
  );
}
