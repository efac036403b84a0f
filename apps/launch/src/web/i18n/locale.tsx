import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { IntlProvider } from 'use-intl';
import en from '../../../messages/en.json';
import zhTW from '../../../messages/zh-TW.json';

export type Locale = 'zh-TW' | 'en';

const MESSAGES = { 'zh-TW': zhTW, en } as const;
const STORAGE_KEY = 'openpas-launch-locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-TW') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-TW' : 'en';
}

const LocaleContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void }>({
  locale: 'zh-TW',
  setLocale: () => {},
});

export function useLocale() {
  return useContext(LocaleContext);
}

/** Traditional Chinese or English, as the browser prefers until the person chooses. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(STORAGE_KEY, locale);
  }, [locale]);
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <IntlProvider locale={locale} messages={MESSAGES[locale]} timeZone="Asia/Taipei">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
