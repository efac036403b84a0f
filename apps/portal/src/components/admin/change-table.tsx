'use client';

import { useTranslations } from 'next-intl';
import { useFieldText } from './use-field-text.ts';
import { diffWords } from './word-diff.ts';

/** What changed since the approved version, field by field, with the words removed and added marked. */
export function ChangeTable({
  changes,
}: {
  changes: { field: string; before?: unknown; after?: unknown }[];
}) {
  const t = useTranslations('admin');
  const field = useTranslations('vocab.field');
  const text = useFieldText();
  const label = (name: string) => (field.has(name as 'name') ? field(name as 'name') : name);
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{t('changes')}</caption>
      <thead>
        <tr className="text-left text-slate-600">
          <th scope="col" className="w-40 py-2 pr-4 font-medium">
            {t('field')}
          </th>
          <th scope="col" className="py-2 font-medium">
            <span className="sr-only">
              {t('before')} / {t('after')}
            </span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row" className="py-2 pr-4 text-left align-top font-medium">
              {label(change.field)}
            </th>
            <td className="whitespace-pre-wrap break-words py-2 font-mono text-xs leading-relaxed">
              {diffWords(text(change.field, change.before), text(change.field, change.after)).map(
                (part, index) =>
                  part.kind === 'same' ? (
                    <span key={index}>{part.text}</span>
                  ) : part.kind === 'removed' ? (
                    <del key={index} className="bg-red-100 text-red-900" title={t('before')}>
                      {part.text}
                    </del>
                  ) : (
                    <ins
                      key={index}
                      className="bg-emerald-100 text-emerald-900 no-underline"
                      title={t('after')}
                    >
                      {part.text}
                    </ins>
                  ),
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
