'use client';

import { useLocale } from 'next-intl';
import zhTW from '../../messages/server-errors.zh-TW.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { 'zh-TW': zhTW };

/**
 * The API's field messages are English; in Traditional Chinese the ones we know are shown in Chinese
 * (the rest, which name the reader's own input, as they are).
 */
export function useServerText(): (message: string) => string {
  const table = TRANSLATIONS[useLocale()];
  return (message) => table?.[message] ?? message;
}
