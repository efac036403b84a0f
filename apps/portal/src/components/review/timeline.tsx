import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { CaseViewAnswer } from './types.ts';

const TAIPEI = 'Asia/Taipei';

/** Every status change of the case, oldest first, with who made it. */
export async function Timeline({
  entries,
  names,
}: {
  entries: CaseViewAnswer['timeline'];
  names: Record<string, string>;
}) {
  const t = await getTranslations('review.case');
  const format = await getFormatter();
  const locale = await getLocale();
  const who = (entry: CaseViewAnswer['timeline'][number]) => {
    if (entry.actorKind === 'reviewer') return names[entry.actorId ?? ''] ?? entry.actorId ?? '';
    if (entry.actorKind === 'hospital') return t('hospitalActor');
    return t('system');
  };
  return (
    <section aria-labelledby="timeline" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="timeline" className="text-lg font-semibold">
        {t('timeline')}
      </h2>
      <ol className="relative space-y-3 border-l border-slate-200 pl-5 text-sm">
        {entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <span
              className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-brand-600"
              aria-hidden="true"
            />
            <p className="font-medium">{locale === 'zh-TW' ? entry.label.zh : entry.label.en}</p>
            <p className="text-slate-600">
              <time dateTime={entry.at}>
                {format.dateTime(new Date(entry.at), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                  timeZone: TAIPEI,
                })}
              </time>{' '}
              · {t('by', { who: who(entry) })}
            </p>
            {entry.reason ? <p className="text-slate-700">{entry.reason}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
