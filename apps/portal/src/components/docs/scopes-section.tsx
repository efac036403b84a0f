import { getTranslations } from 'next-intl/server';
import type { ScopeLine, ScopeWords } from '../../node/docs/index.ts';
import { Code, cellClass, DocTable, GeneratedSection } from './doc-parts.tsx';

function ScopeRows({ lines }: { lines: ScopeLine[] }) {
  return lines.map((line) => (
    <tr key={line.scope} data-scope={line.scope}>
      <th scope="row" className={`${cellClass} text-left font-normal`}>
        <Code>{line.scope}</Code>
      </th>
      <td className={cellClass}>{line.words}</td>
    </tr>
  ));
}

/** Every word of the scope grammar, in the consent page's own sentences; and the scopes announced here. */
export async function ScopesSection({
  words,
  announced,
}: {
  words: ScopeWords;
  /** From the SMART configuration; null when it did not answer */
  announced: ScopeLine[] | null;
}) {
  const t = await getTranslations('docs.scopes');
  const head = [t('scope'), t('words')];
  return (
    <>
      <GeneratedSection id="docs-scopes-special" title={t('specialHeading')}>
        <DocTable head={head}>
          <ScopeRows lines={words.special} />
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-scopes-contexts" title={t('contextsHeading')}>
        <DocTable head={[t('context'), t('scope'), t('words')]}>
          {words.contexts.map((line) => (
            <tr key={line.context} data-context={line.context}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{`${line.context}/`}</Code>
                <span className="mt-1 block text-slate-600">{t(`contextNames.${line.context}`)}</span>
              </th>
              <td className={cellClass}>
                <Code>{line.scope}</Code>
              </td>
              <td className={cellClass}>{line.words}</td>
            </tr>
          ))}
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-scopes-permissions" title={t('permissionsHeading')}>
        <DocTable head={[t('letter'), t('scope'), t('words')]}>
          {words.permissions.map((line) => (
            <tr key={line.letter} data-letter={line.letter}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{line.letter}</Code> {t(`letterNames.${line.letter}`)}
              </th>
              <td className={cellClass}>
                <Code>{line.scope}</Code>
              </td>
              <td className={cellClass}>{line.words}</td>
            </tr>
          ))}
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-scopes-examples" title={t('examplesHeading')}>
        <DocTable head={head}>
          <ScopeRows lines={words.examples} />
        </DocTable>
      </GeneratedSection>
      {announced ? (
        <GeneratedSection id="docs-scopes-announced" title={t('announcedHeading')}>
          <p className="my-3 text-sm text-slate-600">{t('announcedIntro')}</p>
          <DocTable head={head}>
            <ScopeRows lines={announced} />
          </DocTable>
        </GeneratedSection>
      ) : null}
    </>
  );
}
