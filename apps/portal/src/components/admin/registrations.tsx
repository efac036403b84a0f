'use client';

import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '../../trpc/react.tsx';
import { DecisionDialog } from './decision-dialog.tsx';

/** RFC 7591 registrations no developer has claimed: the admin approves or rejects the client itself. */
export function Registrations() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.adminReview.registrations.queryOptions());
  const decide = useMutation(trpc.adminReview.decideClient.mutationOptions());
  if (list.isPending) return <Loading label={common('loading')} />;
  if (list.isError) return <ErrorNotice title={common('error')} detail={list.error.message} />;
  if (list.data.length === 0) return <Empty title={t('noRegistrations')} />;
  const settle = async (clientId: string, decision: 'approve' | 'reject', reason: string) => {
    await decide.mutateAsync({ clientId, decision, ...(reason ? { reason } : {}) });
    await queryClient.invalidateQueries(trpc.adminReview.registrations.queryFilter());
  };
  return (
    <ul className="space-y-3">
      {list.data.map((registration) => (
        <li
          key={registration.clientId}
          className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div className="min-w-0 flex-1 space-y-1 text-sm">
            <p className="font-medium">{registration.clientName ?? registration.clientId}</p>
            <p>
              <code>{registration.clientId}</code> · {registration.tokenEndpointAuthMethod ?? '—'} ·{' '}
              {registration.grantTypes.join(', ')}
            </p>
            <p className="text-slate-600">
              <code className="break-all">{registration.allowedScopes}</code>
            </p>
            <p className="text-xs text-slate-500">
              {t('registeredAt', {
                date: format.dateTime(new Date(registration.registeredAt), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </p>
          </div>
          <DecisionDialog
            label={t('approve')}
            variant="primary"
            reasonRequired={false}
            busy={decide.isPending}
            onConfirm={(reason) => settle(registration.clientId, 'approve', reason)}
          />
          <DecisionDialog
            label={t('reject')}
            variant="danger"
            reasonRequired
            busy={decide.isPending}
            onConfirm={(reason) => settle(registration.clientId, 'reject', reason)}
          />
        </li>
      ))}
    </ul>
  );
}
