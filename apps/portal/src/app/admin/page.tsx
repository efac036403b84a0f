import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Queue } from '../../components/admin/queue.tsx';
import { Registrations } from '../../components/admin/registrations.tsx';
import { Forbidden } from '../../components/layout/forbidden.tsx';
import { requireRole } from '../../server/require-role.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('title') };
}

export default async function AdminPage() {
  const { allowed } = await requireRole('admin', '/admin');
  if (!allowed) return <Forbidden />;
  const t = await getTranslations('admin');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <section aria-labelledby="queue" className="space-y-3">
        <h2 id="queue" className="font-semibold">
          {t('queue')}
        </h2>
        <Queue />
      </section>
      <section aria-labelledby="registrations" className="space-y-3">
        <h2 id="registrations" className="font-semibold">
          {t('registrations')}
        </h2>
        <p className="text-sm text-slate-600">{t('registrationsHint')}</p>
        <Registrations />
      </section>
    </div>
  );
}
