'use client';

import { useTranslations } from 'next-intl';
import { fieldText } from './field-text.ts';

/** fieldText with the reader's language. */
export function useFieldText(): (name: string, value: unknown) => string {
  const vocab = useTranslations('vocab');
  const label = (kind: string, code: string) => {
    const key = `${kind}.${code}`;
    return vocab.has(key as 'status.draft') ? vocab(key as 'status.draft') : code;
  };
  return (name, value) => fieldText(name, value, label);
}
