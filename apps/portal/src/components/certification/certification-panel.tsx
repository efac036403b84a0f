'use client';

import { Button } from '@openpas/ui/button';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '../../trpc/react.tsx';
import { CertificationReport } from './certification-report.tsx';

const POLL_MS = 2000;

/** The developer's certification: `Run certification`, the run's progress while the page polls, the report. */
export function CertificationPanel({ appId }: { appId: string }) {
  const t = useTranslations('certification');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({
    ...trpc.developerApps.certifications.queryOptions({ appId }),
    refetchInterval: (query) => {
      const latest = query.state.data?.[0];
      return latest && (latest.status === 'queued' || latest.status === 'running') ? POLL_MS : false;
    },
  });
  const certify = useMutation(trpc.developerApps.certify.mutationOptions());
  const latest = runs.data?.[0];
  const working = latest?.status === 'queued' || latest?.status === 'running';
  return (
    <section
      aria-labelledby="certification"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="certification" className="font-semibold">
          {t('title')}
        </h2>
        <Button
          className="ml-auto"
          disabled={certify.isPending || working}
          onClick={async () => {
            await certify.mutateAsync({ appId });
            await queryClient.invalidateQueries(trpc.developerApps.certifications.queryFilter({ appId }));
          }}
        >
          {t('run')}
        </Button>
      </div>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {certify.isError ? <ErrorNotice title={common('error')} detail={certify.error.message} /> : null}
      {runs.isPending ? <Loading label={common('loading')} /> : null}
      {runs.isError ? <ErrorNotice title={common('error')} detail={runs.error.message} /> : null}
      {runs.data && !latest ? <p className="text-sm">{t('none')}</p> : null}
      {latest ? <CertificationReport run={latest} /> : null}
    </section>
  );
}
