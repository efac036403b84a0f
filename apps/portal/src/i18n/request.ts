import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import en from '../../messages/en.json';
import zhTW from '../../messages/zh-TW.json';
import { LOCALE_COOKIE, pickLocale } from './locale.ts';

const MESSAGES = { en, 'zh-TW': zhTW } as const;

// No locale in the URL: one address per page, in the language the person chose or their browser prefers.
export default getRequestConfig(async () => {
  const locale = pickLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get('accept-language'),
  );
  return { locale, messages: MESSAGES[locale], timeZone: 'Asia/Taipei' };
});
