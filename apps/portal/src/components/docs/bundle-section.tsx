import { getTranslations } from 'next-intl/server';
import type { ExampleBundle } from '../../node/docs/index.ts';
import { CodeBlock } from './doc-markdown.tsx';
import { Code, cellClass, DocTable, GeneratedSection } from './doc-parts.tsx';

/** Under the page's own "The example request": the example request Bundle (the product's own builder's), entry by entry and whole; the guide's examples. */
export async function BundleSection({
  example,
  official,
}: {
  example: ExampleBundle;
  official: readonly { id: string; url: string }[];
}) {
  const t = await getTranslations('docs.bundle');
  return (
    <>
      <GeneratedSection id="docs-bundle-entries" level={3} title={t('entriesHeading')}>
        <p className="my-3">{t('caseLine', { key: example.key, count: example.entries.length })}</p>
        <DocTable head={[t('index'), t('resourceType'), t('profile')]}>
          {example.entries.map((entry, index) => (
            <tr key={entry.fullUrl || index}>
              <td className={cellClass}>{index + 1}</td>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{entry.resourceType}</Code>
              </th>
              <td className={cellClass}>{entry.profile ? <Code>{entry.profile}</Code> : null}</td>
            </tr>
          ))}
        </DocTable>
        <p className="my-3">
          <a
            href="/docs/example-bundle.json"
            download="request-bundle.json"
            className="text-brand-700 underline"
          >
            {t('download')}
          </a>
        </p>
        <details className="my-3 rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer font-medium">{t('showJson')}</summary>
          <CodeBlock>
            <code>{example.json}</code>
          </CodeBlock>
        </details>
      </GeneratedSection>
      <GeneratedSection id="docs-bundle-official" level={3} title={t('officialHeading')}>
        <p className="my-3">{t('officialIntro')}</p>
        <ul className="my-3 list-disc space-y-1 pl-6">
          {official.map((item) => (
            <li key={item.id}>
              <a href={item.url} rel="noreferrer" className="text-brand-700 underline">
                Bundle/{item.id}
              </a>{' '}
              <Code>{item.url}</Code>
            </li>
          ))}
        </ul>
      </GeneratedSection>
    </>
  );
}
