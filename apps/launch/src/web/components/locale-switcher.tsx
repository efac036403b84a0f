import { cn } from '@openpas/ui/cn';
import { type Locale, useLocale } from '../i18n/locale.tsx';

const LABELS: Record<Locale, string> = { 'zh-TW': '中文', en: 'English' };

export function LocaleSwitcher() {
  const { locale, setLocale } = useLocale();
  return (
    <fieldset className="flex gap-1">
      <legend className="sr-only">Language / 語言</legend>
      {(Object.keys(LABELS) as Locale[]).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
          className={cn(
            'rounded px-2 py-1 text-xs',
            option === locale ? 'bg-brand-700 text-white' : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {LABELS[option]}
        </button>
      ))}
    </fieldset>
  );
}
