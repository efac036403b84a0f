import { SUPPORTING_INFO_CATEGORIES } from '@openpas/fhir-model/browser';
import type { EvidenceItem } from '@openpas/pa-request';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';
import { useLocale } from '../i18n/locale.tsx';

/** The chart's evidence, grouped by kind, each cited unless unticked. */
export function EvidencePicker({
  items,
  register,
}: {
  items: EvidenceItem[];
  register: UseFormRegisterReturn;
}) {
  const t = useTranslations('builder');
  const { locale } = useLocale();
  if (items.length === 0) return <p className="text-sm text-slate-600">{t('noEvidence')}</p>;
  const groups = new Map<string, EvidenceItem[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {[...groups].map(([category, list]) => {
        const label = SUPPORTING_INFO_CATEGORIES[category as keyof typeof SUPPORTING_INFO_CATEGORIES];
        return (
          <fieldset key={category} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">{locale === 'en' ? label.en : label.zh}</legend>
            <ul className="space-y-1">
              {list.map((item) => (
                <li key={item.key}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" value={item.key} className="mt-1" {...register} />
                    <span>
                      {item.label}
                      {item.date ? <span className="ml-2 text-xs text-slate-500">{item.date}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}
