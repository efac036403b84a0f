'use client';

import type { CertificationRunView } from '@openpas/app-registry/views';
import { Badge } from '@openpas/ui/badge';
import { useFormatter, useTranslations } from 'next-intl';

const TONE = { queued: 'info', running: 'info', passed: 'good', failed: 'bad' } as const;

/** A certification run's status: queued, running (with its step), passed or failed. */
export function CertificationStatus({ run }: { run: CertificationRunView }) {
  const t = useTranslations('certification');
  return <Badge tone={TONE[run.status]}>{t(`status.${run.status}`)}</Badge>;
}

/** One line per check with its evidence, in the reader's language; the same for developer and admin. */
export function CertificationReport({ run }: { run: CertificationRunView }) {
  const t = useTranslations('certification');
  const format = useFormatter();
  const check = (id: string) => (t.has(`check.${id}`) ? t(`check.${id}`) : id);
  const evidence = (code: string, values: Record<string, string | number>) =>
    t.has(`evidence.${code}`) ? t(`evidence.${code}`, values) : code;
  const working = run.status === 'queued' || run.status === 'running';
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <CertificationStatus run={run} />
        <span>{t('versionLabel', { version: run.version })}</span>
        {run.startedBy ? <span>· {t('startedBy', { name: run.startedBy.displayName })}</span> : null}
        <span>
          ·{' '}
          <time dateTime={run.createdAt}>
            {format.dateTime(new Date(run.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
          </time>
        </span>
        {working && run.progress ? (
          <span role="status">
            · {t.has(`step.${run.progress}`) ? t(`step.${run.progress}`) : run.progress}
          </span>
        ) : null}
      </p>
      {run.checks.length > 0 ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('reportCaption', { version: run.version })}</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('checkColumn')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('resultColumn')}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t('evidenceColumn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {run.checks.map((line) => (
              <tr key={line.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {check(line.id)}
                </th>
                <td className="py-2 pr-3">
                  <Badge tone={line.passed ? 'good' : 'bad'}>{line.passed ? t('passed') : t('failed')}</Badge>
                </td>
                <td className="py-2 break-words text-slate-700">
                  {evidence(line.evidence.code, line.evidence.values)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
