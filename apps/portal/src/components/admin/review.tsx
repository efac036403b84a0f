'use client';

import { Button } from '@openpas/ui/button';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '../../trpc/react.tsx';
import { CertificationReport } from '../certification/certification-report.tsx';
import { DecisionHistory } from '../developer/decision-history.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { ChangeTable } from './change-table.tsx';
import { DecisionDialog } from './decision-dialog.tsx';
import { useFieldText } from './use-field-text.ts';

/** One submission: what changed since the approved version, the details, the decisions; the admin decides. */
export function Review({ appId }: { appId: string }) {
  const t = useTranslations('admin');
  const certification = useTranslations('certification');
  const common = useTranslations('common');
  const field = useTranslations('vocab.field');
  const text = useFieldText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.adminReview.get.queryOptions({ appId }));
  const mutations = {
    startReview: useMutation(trpc.adminReview.startReview.mutationOptions()),
    approve: useMutation(trpc.adminReview.approve.mutationOptions()),
    reject: useMutation(trpc.adminReview.reject.mutationOptions()),
    suspend: useMutation(trpc.adminReview.suspend.mutationOptions()),
    retire: useMutation(trpc.adminReview.retire.mutationOptions()),
  };
  const busy = Object.values(mutations).some((mutation) => mutation.isPending);
  if (query.isPending) return <Loading label={common('loading')} />;
  if (query.isError) return <ErrorNotice title={common('error')} detail={query.error.message} />;
  const review = query.data;
  const settle = async (next: typeof review) => {
    queryClient.setQueryData(trpc.adminReview.get.queryKey({ appId }), next);
    await queryClient.invalidateQueries(trpc.adminReview.queue.queryFilter());
  };
  const candidate = review.candidate.status;
  const open = candidate === 'pending' || candidate === 'in_review';
  const appStatus = review.app.status;
  const canSuspend = appStatus === 'approved';
  const canRetire = appStatus === 'approved' || appStatus === 'suspended';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{review.app.name}</h1>
        <StatusBadge status={appStatus} />
        <span className="text-sm text-slate-500">
          v{review.candidate.version} <StatusBadge status={candidate} /> ·{' '}
          {review.app.developer.organizationName ?? review.app.developer.displayName}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        {candidate === 'pending' ? (
          <Button
            variant="secondary"
            disabled={busy}
            onClick={async () => settle(await mutations.startReview.mutateAsync({ appId }))}
          >
            {t('startReview')}
          </Button>
        ) : null}
        {open ? (
          <>
            <DecisionDialog
              label={t('approve')}
              variant="primary"
              reasonRequired={false}
              busy={busy}
              override={
                review.certification?.status === 'passed'
                  ? undefined
                  : {
                      label: certification('overrideLabel'),
                      notice: review.certification
                        ? certification('overrideNoticeFailed', {
                            status: certification(`status.${review.certification.status}`),
                          })
                        : certification('overrideNoticeNone'),
                    }
              }
              onConfirm={async (note, certificationOverride) =>
                settle(
                  await mutations.approve.mutateAsync({
                    appId,
                    ...(note ? { note } : {}),
                    ...(certificationOverride ? { certificationOverride } : {}),
                  }),
                )
              }
            />
            <DecisionDialog
              label={t('reject')}
              variant="danger"
              reasonRequired
              busy={busy}
              onConfirm={async (reason) => settle(await mutations.reject.mutateAsync({ appId, reason }))}
            />
          </>
        ) : null}
        {canSuspend ? (
          <DecisionDialog
            label={t('suspend')}
            variant="danger"
            reasonRequired
            busy={busy}
            onConfirm={async (reason) => settle(await mutations.suspend.mutateAsync({ appId, reason }))}
          />
        ) : null}
        {canRetire ? (
          <DecisionDialog
            label={t('retire')}
            variant="secondary"
            reasonRequired
            busy={busy}
            onConfirm={async (reason) => settle(await mutations.retire.mutateAsync({ appId, reason }))}
          />
        ) : null}
      </div>

      <section
        aria-labelledby="certification"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="certification" className="font-semibold">
          {certification('title')}
        </h2>
        {review.certification ? (
          <CertificationReport run={review.certification} />
        ) : (
          <p className="text-sm">{certification('noneForReview', { version: review.candidate.version })}</p>
        )}
      </section>

      <section
        aria-labelledby="changes"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="changes" className="font-semibold">
          {t('changes')}
        </h2>
        <p className="text-sm text-slate-600">
          {review.live ? t('changesSinceLive', { version: review.live.version }) : t('firstVersion')}
        </p>
        {review.changes.length === 0 ? (
          <p className="text-sm">{t('noChanges')}</p>
        ) : (
          <ChangeTable changes={review.changes} />
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section
          aria-labelledby="details"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="details" className="font-semibold">
            {t('details')}
          </h2>
          <dl className="space-y-2 text-sm">
            {Object.entries(review.candidate.details).map(([name, value]) => (
              <div key={name}>
                <dt className="font-medium text-slate-600">
                  {field.has(name as 'name') ? field(name as 'name') : name}
                </dt>
                <dd className="whitespace-pre-wrap break-words">{text(name, value) || '—'}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section
          aria-labelledby="decisions"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="decisions" className="font-semibold">
            {t('decisions')}
          </h2>
          <DecisionHistory decisions={review.decisions} />
        </section>
      </div>
    </div>
  );
}
