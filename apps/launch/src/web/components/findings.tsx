import type { Finding } from '@openpas/pa-request';
import { useLocale } from '../i18n/locale.tsx';

/** A finding in the reader's language, the other language beside it (the check answers in both). */
export function findingText(finding: Finding, locale: 'zh-TW' | 'en'): string {
  return locale === 'en' ? `${finding.en} — ${finding.zh}` : `${finding.zh} — ${finding.en}`;
}

/** The findings of one field joined, for its error line (undefined when there are none). */
export function fieldError(
  findings: readonly Finding[],
  field: string,
  locale: 'zh-TW' | 'en',
): string | undefined {
  const mine = findings.filter((finding) => finding.field === field);
  return mine.length ? mine.map((finding) => findingText(finding, locale)).join(' · ') : undefined;
}

export function FindingList({ findings }: { findings: readonly Finding[] }) {
  const { locale } = useLocale();
  if (findings.length === 0) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {findings.map((finding, index) => (
        <li key={`${finding.expression}-${index}`}>
          {findingText(finding, locale)}
          <span className="ml-2 font-mono text-xs text-slate-500">{finding.expression}</span>
        </li>
      ))}
    </ul>
  );
}
