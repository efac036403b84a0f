import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EnablementList } from '../../components/hospital/enablement-list.tsx';
import { Forbidden } from '../../components/layout/forbidden.tsx';
import { requireRole } from '../../server/require-role.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hospital'))('title') };
}

export default async function HospitalPage() {
  const { user, allowed } = await requireRole('hospital_admin', '/hospital');
  if (!allowed) return <Forbidden />;
  const t = await getTranslations('hospital');
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {user.organizationName ? <p className="text-slate-700">{user.organizationName}</p> : null}
        <p className="mt-1 text-slate-600">{t('intro')}</p>
      </div>
      <EnablementList />
    </div>
  );
}
