import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { CaseViewAnswer, ReviewCaseAnswer } from './types.ts';

const TAIPEI = 'Asia/Taipei';

/** A decided case: each item's decision and comment, and who decided when. */
export async function DecisionResult({
  view,
  decidedBy,
  names,
}: {
  view: CaseViewAnswer;
  decidedBy: ReviewCaseAnswer['decidedBy'];
  names: Record<string, string>;
}) {
  const t = await getTranslations('review.decision');
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <section
      aria-labelledby="decision"
      className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-5"
    >
      <h2 id="decision" className="text-lg font-semibold">
        {t('decided')}
      </h2>
      {decidedBy ? (
        <p className="text-sm">
          {t('reviewer')}: {names[decidedBy.id] ?? decidedBy.id} ·{' '}
          <time dateTime={decidedBy.at}>
            {format.dateTime(new Date(decidedBy.at), {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone: TAIPEI,
            })}
          </time>
        </p>
      ) : null}
      <ul className="space-y-2 text-sm">
        {view.items.map((item) => (
          <li key={item.sequence}>
            <span className="font-medium">#{item.sequence}</span> {item.requested} —{' '}
            {item.label ? (locale === 'zh-TW' ? item.label.zh : item.label.en) : '—'}
            {item.approved !== undefined ? ` (${item.approved})` : ''}
            {item.comment ? <span className="block text-slate-700">{item.comment}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
