'use client';

import type { AppDetailView, IssuedSecretView } from '@openpas/app-registry/views';
import { Button } from '@openpas/ui/button';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react.tsx';
import { CertificationPanel } from '../certification/certification-panel.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { AppForm } from './app-form.tsx';
import { fromAppDetails, toAppInput } from './app-form-values.ts';
import { DecisionHistory } from './decision-history.tsx';
import { SecretOnce } from './secret-once.tsx';

const SUBMITTABLE = new Set(['draft', 'rejected']);

function Clients({ app, onSecret }: { app: AppDetailView; onSecret: (secret: IssuedSecretView) => void }) {
  const t = useTranslations('appDetail');
  const trpc = useTRPC();
  const rotate = useMutation(trpc.developerApps.rotateSecret.mutationOptions());
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">{t('clients')}</caption>
      <thead>
        <tr className="text-left text-slate-600">
          <th scope="col" className="py-1 pr-4 font-medium">
            {t('environment')}
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            client_id
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            {t('clientStatus')}
          </th>
          <th scope="col" className="py-1 font-medium">
            <span className="sr-only">{t('rotate')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {app.clients.map((client) => (
          <tr key={client.clientId} className="border-t border-slate-100">
            <td className="py-2 pr-4">{t(client.environment)}</td>
            <td className="py-2 pr-4">
              <code>{client.clientId}</code>
            </td>
            <td className="py-2 pr-4">
              <StatusBadge status={client.reviewStatus} />
            </td>
            <td className="py-2">
              {client.hasSecret ? (
                <Button
                  variant="secondary"
                  disabled={rotate.isPending}
                  title={t('rotateHint')}
                  onClick={async () =>
                    onSecret(await rotate.mutateAsync({ appId: app.id, environment: client.environment }))
                  }
                >
                  {t('rotate')}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One of the developer's apps: status, clients and secrets, submission, changes, versions and history. */
export function AppDetail({ appId }: { appId: string }) {
  const t = useTranslations('appDetail');
  const form = useTranslations('appForm');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.developerApps.get.queryOptions({ appId }));
  const submit = useMutation(trpc.developerApps.submit.mutationOptions());
  const update = useMutation(trpc.developerApps.update.mutationOptions());
  const [secret, setSecret] = useState<IssuedSecretView | null>(null);
  const [saved, setSaved] = useState(false);
  if (query.isPending) return <Loading label={common('loading')} />;
  if (query.isError) return <ErrorNotice title={common('error')} detail={query.error.message} />;
  const app = query.data;
  const refresh = async (next: AppDetailView) => {
    queryClient.setQueryData(trpc.developerApps.get.queryKey({ appId }), next);
    await queryClient.invalidateQueries(trpc.developerApps.list.queryFilter());
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{app.name}</h1>
        <StatusBadge status={app.status} />
        <span className="text-sm text-slate-500">
          v{app.working.version} <StatusBadge status={app.working.status} />
        </span>
        <div className="ml-auto flex gap-2">
          {app.sandboxLaunchUrl ? (
            <Button asChild variant="secondary">
              <a href={app.sandboxLaunchUrl} target="_blank" rel="noopener">
                {t('launchSandbox')}
              </a>
            </Button>
          ) : null}
          {SUBMITTABLE.has(app.working.status) ? (
            <Button
              disabled={submit.isPending}
              onClick={async () => refresh(await submit.mutateAsync({ appId }))}
            >
              {t('submit')}
            </Button>
          ) : null}
        </div>
      </div>
      {submit.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          {t('submitted')}
        </p>
      ) : null}
      {submit.isError ? <ErrorNotice title={common('error')} detail={submit.error.message} /> : null}
      {app.live ? (
        <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900">
          {t('liveVersion', { version: app.live.version })} — {t('editLive')}
        </p>
      ) : null}

      <section
        aria-labelledby="clients"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="clients" className="font-semibold">
          {t('clients')}
        </h2>
        {secret ? <SecretOnce secret={secret} /> : null}
        <Clients app={app} onSecret={setSecret} />
      </section>

      <CertificationPanel appId={app.id} />

      <div className="grid gap-6 md:grid-cols-2">
        <section
          aria-labelledby="history"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="history" className="font-semibold">
            {t('history')}
          </h2>
          <DecisionHistory decisions={app.decisions} />
        </section>
        <section
          aria-labelledby="versions"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="versions" className="font-semibold">
            {t('versions')}
          </h2>
          <ol className="space-y-1 text-sm">
            {app.versions.map((version) => (
              <li key={version.id} className="flex items-center gap-2">
                v{version.version} <StatusBadge status={version.status} />
              </li>
            ))}
          </ol>
        </section>
      </div>

      <section aria-labelledby="edit" className="space-y-3">
        <h2 id="edit" className="text-lg font-semibold">
          {t('edit')}
        </h2>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            {form('saved')}
          </p>
        ) : null}
        <AppForm
          key={`${app.working.id}-${app.working.version}`}
          appId={app.id}
          initial={fromAppDetails(app.working.details)}
          submitLabel={form('saveChanges')}
          onSubmit={async (values) => {
            setSaved(false);
            await refresh(await update.mutateAsync({ appId, details: toAppInput(values) }));
            setSaved(true);
          }}
        />
      </section>
    </div>
  );
}
