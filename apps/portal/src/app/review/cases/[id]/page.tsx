import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '../../../../components/layout/forbidden.tsx';
import { CaseSummary } from '../../../../components/review/case-summary.tsx';
import { DecisionForm } from '../../../../components/review/decision-form.tsx';
import { DecisionResult } from '../../../../components/review/decision-result.tsx';
import { Dossier } from '../../../../components/review/dossier.tsx';
import { InvalidRequest } from '../../../../components/review/invalid-request.tsx';
import { Timeline } from '../../../../components/review/timeline.tsx';
import { callForPage } from '../../../../server/call.ts';
import { requireRole } from '../../../../server/require-role.ts';
import { api } from '../../../../server/session.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('title') };
}

export default async function ReviewCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const returnTo = `/review/cases/${encodeURIComponent(id)}`;
  const { allowed } = await requireRole('reviewer', returnTo);
  if (!allowed) return <Forbidden />;
  const client = await api();
  const answer = await callForPage(returnTo, () => client.review.case({ id }));
  if (!answer.ok)
    return 'invalid' in answer ? <InvalidRequest reason={answer.invalid} back="/review" /> : <Forbidden />;
  const found = answer.value;
  const t = await getTranslations('review.case');
  const drugs = Object.fromEntries((found.dossier?.items ?? []).map((item) => [item.sequence, item.drug]));
  return (
    <div className="space-y-8">
      <a href="/review" className="text-sm text-brand-700 hover:underline">
        ← {t('back')}
      </a>
      <CaseSummary found={found} />
      {found.dossier ? (
        <Dossier dossier={found.dossier} precheck={found.precheck} />
      ) : (
        <p role="alert" className="rounded-md bg-amber-50 p-4 text-sm text-amber-900">
          {t('submissionMissing')}
        </p>
      )}
      <Timeline entries={found.view.timeline} names={found.names} />
      {found.view.decided ? (
        <DecisionResult view={found.view} decidedBy={found.decidedBy} names={found.names} />
      ) : (
        <DecisionForm
          caseId={found.id}
          version={found.version}
          items={found.view.items.map((item) => ({
            sequence: item.sequence,
            requested: item.requested,
            drug: drugs[item.sequence] ?? '',
          }))}
        />
      )}
    </div>
  );
}
