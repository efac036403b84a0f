import { APPLY_TYPES } from '@openpas/fhir-model/browser';
import { Button } from '@openpas/ui/button';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useFormatter, useTranslations } from 'use-intl';
import { PatientBanner } from '../components/patient-banner.tsx';
import { CaseStatus } from '../components/status-badge.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { pollDelay } from '../smart/backoff.ts';
import { type CaseDetail, readCase } from '../smart/cases.ts';
import { useSession } from '../smart/session-context.tsx';

/**
 * One case: its number and status, the timeline of its dispositions, each item's decision with the
 * reviewer's comment — kept up to date by polling with back-off (the browser app cannot receive the
 * FHIR API's rest-hook Subscriptions, which need a server to post to) — and its follow-ups.
 */
export function CasePage() {
  const t = useTranslations('case');
  const format = useFormatter();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { client, guard, needPatientBanner, role, patientId } = useSession();
  const seen = useRef({ count: -1, version: '', unchanged: 0 });
  const detail = useQuery<CaseDetail>({
    queryKey: ['case', id],
    queryFn: () => readCase(client, id).catch(guard),
    // Asked after every fetch (and more often): the back-off counts fetches that brought nothing new.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return pollDelay(0);
      if (data.view.decided) return false;
      if (query.state.dataUpdateCount !== seen.current.count) {
        const version = data.response.meta?.versionId ?? '';
        seen.current = {
          count: query.state.dataUpdateCount,
          version,
          unchanged: version === seen.current.version ? seen.current.unchanged + 1 : 0,
        };
      }
      return pollDelay(seen.current.unchanged);
    },
    refetchIntervalInBackground: true,
  });
  if (detail.isPending) return <Loading label={t('loading')} />;
  if (detail.isError) return <ErrorNotice title={t('failed')} detail={detail.error.message} />;
  const { view, patient, drugs } = detail.data;
  const label = (pair: { zh: string; en: string }) => (locale === 'en' ? pair.en : pair.zh);
  return (
    <div className="space-y-6">
      {needPatientBanner && patient ? <PatientBanner patient={patient} /> : null}
      {params.get('submitted') ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800"
        >
          {t('submitted')}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">
          {t('title')} <span className="font-mono">{view.acceptanceNumber ?? view.id}</span>
        </h1>
        <CaseStatus view={view} />
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {view.decided ? t('final') : t('watching')}
        {view.updated
          ? ` · ${t('updated', { at: format.dateTime(new Date(view.updated), { dateStyle: 'medium', timeStyle: 'short' }) })}`
          : ''}
      </p>

      <section
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        aria-labelledby="decision-heading"
      >
        <h2 id="decision-heading" className="mb-3 text-lg font-semibold">
          {t('decision')}
        </h2>
        <table className="w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1">
                {t('item')}
              </th>
              <th scope="col" className="py-1">
                {t('drug')}
              </th>
              <th scope="col" className="py-1">
                {t('requested')}
              </th>
              <th scope="col" className="py-1">
                {t('result')}
              </th>
              <th scope="col" className="py-1">
                {t('approved')}
              </th>
              <th scope="col" className="py-1">
                {t('comment')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => (
              <tr key={item.sequence} className="border-t border-slate-200 align-top">
                <td className="py-2">{item.sequence}</td>
                <td className="py-2 font-mono text-xs">{drugs[item.sequence] ?? ''}</td>
                <td className="py-2">{item.requested}</td>
                <td className="py-2 font-medium">{item.label ? label(item.label) : t('pending')}</td>
                <td className="py-2">{item.approved ?? '—'}</td>
                <td className="py-2">{item.comment ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        aria-labelledby="timeline-heading"
      >
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          {t('timeline')}
        </h2>
        <ol className="relative space-y-3 border-l border-slate-300 pl-5">
          {view.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-brand-600" aria-hidden />
              <p className="text-sm font-medium">{label(entry.label)}</p>
              <p className="text-xs text-slate-600">
                {format.dateTime(new Date(entry.at), { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
                {t(
                  `actor.${entry.actorKind === 'reviewer' || entry.actorKind === 'hospital' ? entry.actorKind : 'system'}`,
                )}
                {entry.reason ? ` · ${entry.reason}` : ''}
              </p>
            </li>
          ))}
        </ol>
      </section>

      {role === 'clinician' && view.decided && patientId ? (
        <section
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          aria-labelledby="follow-heading"
        >
          <h2 id="follow-heading" className="mb-3 text-lg font-semibold">
            {t('followUp')}
          </h2>
          <div className="flex flex-wrap gap-3">
            {(['2', '3', '4', '5'] as const).map((type) => (
              <Button key={type} asChild variant="secondary">
                <Link to={`/request?from=${encodeURIComponent(view.id)}&type=${type}`}>
                  {type} {label(APPLY_TYPES[type])}
                </Link>
              </Button>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
