'use client';

import type { QueueItemView } from '@openpas/app-registry/views';
import { REVIEW_STATUSES } from '@openpas/app-registry/vocabulary';
import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useTRPC } from '../../trpc/react.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

type Status = (typeof REVIEW_STATUSES)[number];

/** The review queue: submissions first; any status on request. */
export function Queue() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const statusLabel = useTranslations('vocab.status');
  const format = useFormatter();
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | ''>('');
  const filterId = useId();
  const queue = useQuery(trpc.adminReview.queue.queryOptions(status ? { status } : {}));
  const columns: ColumnDef<QueueItemView, unknown>[] = [
    {
      header: t('app'),
      cell: ({ row }) => (
        <Link
          href={`/admin/apps/${row.original.appId}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {row.original.name}
        </Link>
      ),
    },
    {
      header: t('developer'),
      cell: ({ row }) => row.original.developer.organizationName ?? row.original.developer.displayName,
    },
    { header: 'v', accessorKey: 'version' },
    { header: t('kind'), cell: ({ row }) => (row.original.isUpdate ? t('update') : t('newApp')) },
    { header: t('status'), cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    {
      header: t('submitted'),
      cell: ({ row }) =>
        row.original.submittedAt
          ? format.dateTime(new Date(row.original.submittedAt), { dateStyle: 'medium', timeStyle: 'short' })
          : '—',
    },
  ];
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor={filterId} className="text-sm font-medium">
          {t('show')}
        </label>
        <select
          id={filterId}
          value={status}
          onChange={(event) => setStatus(event.target.value as Status | '')}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">{t('queue')}</option>
          {REVIEW_STATUSES.map((code) => (
            <option key={code} value={code}>
              {statusLabel(code)}
            </option>
          ))}
        </select>
      </div>
      {queue.isPending ? (
        <Loading label={common('loading')} />
      ) : queue.isError ? (
        <ErrorNotice title={common('error')} detail={queue.error.message} />
      ) : queue.data.length === 0 ? (
        <Empty title={t('emptyQueue')} />
      ) : (
        <DataTable columns={columns} data={queue.data} caption={t('queue')} />
      )}
    </div>
  );
}
