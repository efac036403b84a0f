import { Button } from '@openpas/ui/button';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AppsTable } from '../../components/developer/apps-table.tsx';
import { ClaimForm } from '../../components/developer/claim-form.tsx';
import { OrganisationForm } from '../../components/developer/organisation-form.tsx';
import { Forbidden } from '../../components/layout/forbidden.tsx';
import { requireRole } from '../../server/require-role.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developer'))('title') };
}

export default async function DeveloperPage() {
  const { user, allowed } = await requireRole('developer', '/developer');
  if (!allowed) return <Forbidden />;
  const t = await getTranslations('developer');
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Button asChild>
          <Link href="/developer/apps/new">{t('register')}</Link>
        </Button>
      </div>
      <section aria-labelledby="org" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="org" className="font-semibold">
          {t('organisation')}
        </h2>
        <OrganisationForm current={user.organizationName ?? ''} />
      </section>
      <section aria-labelledby="apps" className="space-y-3">
        <h2 id="apps" className="font-semibold">
          {t('apps')}
        </h2>
        <AppsTable />
      </section>
      <section aria-labelledby="claim" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="claim" className="font-semibold">
          {t('claim')}
        </h2>
        <p className="text-sm text-slate-600">{t('claimHint')}</p>
        <ClaimForm />
      </section>
    </div>
  );
}
