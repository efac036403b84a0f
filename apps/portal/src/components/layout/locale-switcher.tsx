import { cn } from '@openpas/ui/cn';
import { getLocale, getTranslations } from 'next-intl/server';
import { chooseLocale } from '../../app/actions/locale.ts';

const CHOICES = [
  { locale: 'zh-TW', label: '中文', lang: 'zh-Hant-TW' },
  { locale: 'en', label: 'English', lang: 'en' },
] as const;

/** Two buttons in a form: works without JavaScript, and each names its language in that language. */
export async function LocaleSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <form action={chooseLocale} aria-label={t('language')} className="flex gap-1 text-sm">
      {CHOICES.map((choice) => (
        <button
          key={choice.locale}
          type="submit"
          name="locale"
          value={choice.locale}
          lang={choice.lang}
          aria-pressed={locale === choice.locale}
          className={cn(
            'rounded px-2 py-1',
            locale === choice.locale
              ? 'bg-brand-100 font-semibold text-brand-800'
              : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {choice.label}
        </button>
      ))}
    </form>
  );
}
