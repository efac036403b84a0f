'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '../../i18n/locale.ts';

/** The language switcher: remembers the choice for a year. */
export async function chooseLocale(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
    httpOnly: true,
  });
}
