'use client';

import { Badge } from '@openpas/ui/badge';
import { Button } from '@openpas/ui/button';
import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useDeferredValue, useId, useState } from 'react';
import { useTRPC } from '../../trpc/react.tsx';
import { AppLogo } from '../catalog/app-logo.tsx';

/** Every listed app with its state at the admin's hospital, and the button that changes it. */
export function EnablementList() {
  const t = useTranslations('hospital');
  const common = useTranslations('common');
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q.trim());
  const searchId = useId();
  const list = useQuery(trpc.hospital.list.queryOptions({ q: deferred }));
  const toggle = useMutation(trpc.hospital.setEnabled.mutationOptions());
  return (
    <div className="space-y-4">
      <div className="max-w-md space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium">
          {t('search')}
        </label>
        <input
          id={searchId}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      {list.isPending ? (
        <Loading label={common('loading')} />
      ) : list.isError ? (
        <ErrorNotice title={common('error')} detail={list.error.message} />
      ) : list.data.length === 0 ? (
        <Empty title={t('empty')} />
      ) : (
        <ul className="space-y-3">
          {list.data.map((app) => (
            <li
              key={app.appId}
              className="flex items-center gap-4 rounded-lg border border-slate-200 bg-white p-4"
            >
              <AppLogo path={app.logoPath} name={app.name} size={48} />
              <div className="min-w-0 flex-1">
                <p className="font-medium">{app.name}</p>
                <p className="text-sm text-slate-600">
                  {locale === 'zh-TW' && app.summaryZh ? app.summaryZh : app.summaryEn}
                </p>
                {app.changedAt ? (
                  <p className="text-xs text-slate-500">
                    {t('changed', {
                      date: format.dateTime(new Date(app.changedAt), {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      }),
                      name: app.changedBy ?? '—',
                    })}
                  </p>
                ) : null}
              </div>
              <Badge tone={app.enabled ? 'good' : 'neutral'}>
                {app.enabled ? t('enabled') : t('disabled')}
              </Badge>
              <Button
                variant={app.enabled ? 'secondary' : 'primary'}
                disabled={toggle.isPending}
                aria-label={`${app.enabled ? t('disable') : t('enable')} ${app.name}`}
                onClick={async () => {
                  await toggle.mutateAsync({ appId: app.appId, enabled: !app.enabled });
                  await queryClient.invalidateQueries(trpc.hospital.list.queryFilter());
                }}
              >
                {app.enabled ? t('disable') : t('enable')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
