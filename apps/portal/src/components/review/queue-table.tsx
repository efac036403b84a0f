import type { QueueRow } from '@openpas/api';
import { Badge } from '@openpas/ui/badge';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SlaBadge } from './sla-badge.tsx';

const TAIPEI = 'Asia/Taipei';

/** The queue's page: one row per case, its acceptance number the link to the case. */
export async function QueueTable({ rows }: { rows: QueueRow[] }) {
  const t = await getTranslations('review');
  const format = await getFormatter();
  const locale = await getLocale();
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600">
        {t('empty')}
      </p>
    );
  }
  const when = (value: string | null) =>
    value
      ? format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short', timeZone: TAIPEI })
      : '—';
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colCase')}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colHospital')}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colDrugs')}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colStatus')}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colAccepted')}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t('colDue')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <Link
                  href={`/review/cases/${row.id}`}
                  aria-label={t('open', { number: row.acceptanceNumber ?? row.id })}
                  className="font-mono text-brand-700 hover:underline"
                >
                  {row.acceptanceNumber ?? t('noNumber')}
                </Link>
              </th>
              <td className="px-4 py-2">
                {row.hospital ? (
                  <>
                    {row.hospital.name}
                    <span className="block text-xs text-slate-500">{row.hospital.code}</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-4 py-2">
                <ul>
                  {row.drugs.map((drug) => (
                    <li key={`${drug.code}-${drug.name}`}>
                      {drug.name}
                      {drug.code && drug.code !== drug.name ? (
                        <span className="ml-1 text-xs text-slate-500">{drug.code}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                <Badge tone={row.decided ? 'good' : 'info'}>
                  {locale === 'zh-TW' ? row.statusLabel.zh : row.statusLabel.en}
                </Badge>
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{when(row.acceptedAt)}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                <span className="block">{when(row.due)}</span>
                <SlaBadge due={row.due} decidedAt={row.decidedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
