import { Button } from '@openpas/ui/button';
import { ErrorNotice } from '@openpas/ui/states';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslations } from 'use-intl';
import { Layout } from '../components/layout.tsx';
import { useConfig } from '../config.ts';
import type { LaunchKind } from '../smart/scopes.ts';
import { authorize } from '../smart/session.ts';

/** The app opened on its own: sign in as hospital staff or as a patient (standalone launch). */
export function HomePage() {
  const t = useTranslations('home');
  const config = useConfig();
  const [failure, setFailure] = useState<string | undefined>();
  const start = (kind: LaunchKind) =>
    authorize(config, { kind }).catch((error: Error) => setFailure(error.message));
  return (
    <Layout>
      <div className="mx-auto max-w-2xl space-y-6 py-8">
        <h1 className="text-3xl font-semibold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        {failure ? <ErrorNotice title={t('failed')} detail={failure} /> : null}
        <div className="flex flex-wrap gap-3">
          <Button onClick={() => start('clinician')}>{t('staff')}</Button>
          <Button variant="secondary" onClick={() => start('patient')}>
            {t('patient')}
          </Button>
        </div>
        <p className="text-sm text-slate-600">{t('ehrHint')}</p>
        {config.sandbox ? (
          <p className="text-sm">
            <Link to="/sandbox" className="text-brand-700 underline">
              {t('sandbox')}
            </Link>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
