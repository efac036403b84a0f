import { Empty, ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslations } from 'use-intl';
import { CaseStatus } from '../components/status-badge.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { listCases } from '../smart/cases.ts';
import { useSession } from '../smart/session-context.tsx';

/** The hospital's prior-authorization cases, newest change first. */
export function CasesPage() {
  const t = useTranslations('cases');
  const { locale } = useLocale();
  const { client, guard } = useSession();
  const cases = useQuery({
    queryKey: ['cases'],
    queryFn: () => listCases(client).catch(guard),
    refetchInterval: 30_000,
  });
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>
      {cases.isPending ? <Loading label={t('loading')} /> : null}
      {cases.isError ? <ErrorNotice title={t('failed')} detail={cases.error.message} /> : null}
      {cases.data?.length === 0 ? <Empty title={t('none')} /> : null}
      {cases.data && cases.data.length > 0 ? (
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('acceptanceNumber')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('patient')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('type')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('status')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('created')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.data.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono">
                  <Link to={`/cases/${row.id}`} className="text-brand-700 underline">
                    {row.acceptanceNumber ?? row.id}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.patientName}</td>
                <td className="px-3 py-2">
                  {row.applyType ? (locale === 'en' ? row.applyType.en : row.applyType.zh) : ''}
                </td>
                <td className="px-3 py-2">
                  <CaseStatus view={row} />
                </td>
                <td className="px-3 py-2">{row.created ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
