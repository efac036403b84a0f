// The portal's languages: Traditional Chinese and English. A person's choice (the switcher's cookie) wins;
// otherwise the browser's Accept-Language, in its order of preference; otherwise Traditional Chinese.

export const LOCALES = ['zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-TW';
export const LOCALE_COOKIE = 'openpas_locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The best of our locales for one language tag, e.g. zh-Hant-TW → zh-TW, en-GB → en; null when none fits. */
function match(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (lower === '*' || lower === '') return null;
  if (lower.startsWith('en')) return 'en';
  // Chinese: Traditional unless the tag says Simplified or a Simplified region (we have no Simplified).
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-TW';
  return null;
}

/** Accept-Language entries in order of preference (q descending, then as written). */
function preferences(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

export function pickLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of preferences(acceptLanguage ?? '')) {
    const locale = match(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
