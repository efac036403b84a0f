'use client';

import type { AppSummaryView } from '@openpas/app-registry';
import { Badge } from '@openpas/ui/badge';
import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '../../trpc/react.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

export function AppsTable() {
  const t = useTranslations('developer');
  const common = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const apps = useQuery(trpc.developerApps.list.queryOptions());
  if (apps.isPending) return <Loading label={common('loading')} />;
  if (apps.isError) return <ErrorNotice title={common('error')} detail={apps.error.message} />;
  if (apps.data.length === 0) return <Empty title={t('noApps')}>{t('noAppsHint')}</Empty>;
  const columns: ColumnDef<AppSummaryView, unknown>[] = [
    {
      header: t('name'),
      accessorKey: 'name',
      cell: ({ row }) => (
        <Link
          href={`/developer/apps/${row.original.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {row.original.name}
        </Link>
      ),
    },
    {
      header: t('status'),
      accessorKey: 'status',
      cell: ({ row }) => (
        <span className="flex gap-1">
          <StatusBadge status={row.original.status} />
          {row.original.dynamicRegistration ? <Badge>{t('dynamic')}</Badge> : null}
        </span>
      ),
    },
    { header: t('version'), accessorKey: 'latestVersion' },
    { header: t('live'), cell: ({ row }) => row.original.liveVersion ?? '—' },
    {
      header: t('updated'),
      cell: ({ row }) =>
        format.dateTime(new Date(row.original.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }),
    },
  ];
  return <DataTable columns={columns} data={apps.data} caption={t('apps')} />;
}
