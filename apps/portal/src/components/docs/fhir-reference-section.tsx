import { getTranslations } from 'next-intl/server';
import type { JsonObject } from '../../node/docs/index.ts';
import { Code, cellClass, DocTable, GeneratedSection } from './doc-parts.tsx';

interface SearchParam {
  name: string;
  type?: string;
  definition?: string;
  documentation?: string;
}

interface Operation {
  name: string;
  definition?: string;
  documentation?: string;
}

interface RestResource {
  type: string;
  documentation?: string;
  supportedProfile?: string[];
  interaction?: { code: string }[];
  searchParam?: SearchParam[];
  operation?: Operation[];
}

interface Rest {
  resource?: RestResource[];
  interaction?: { code: string }[];
  operation?: Operation[];
}

const TYPE_HINTS = [
  'token',
  'reference',
  'date',
  'string',
  'uri',
  'number',
  'quantity',
  'composite',
  'special',
];

/** Where a resource type is described on the page. */
export function resourceAnchor(type: string): string {
  return `resource-${type}`;
}

function Operations({ operations, t }: { operations: Operation[]; t: (key: string) => string }) {
  return (
    <ul className="my-2 space-y-1">
      {operations.map((operation) => (
        <li key={operation.name} data-operation={operation.name}>
          <Code>{`$${operation.name}`}</Code>
          {operation.documentation ? ` — ${operation.documentation}` : null}
          {operation.definition ? (
            <>
              {' '}
              <span className="text-sm text-slate-600">
                ({t('definition')}: <Code>{operation.definition}</Code>)
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The FHIR API's reference, generated from its CapabilityStatement: one entry per resource type. */
export async function FhirReferenceSection({ metadata }: { metadata: JsonObject }) {
  const t = await getTranslations('docs.reference');
  const rest = ((metadata.rest as Rest[] | undefined) ?? [])[0] ?? {};
  const resources = [...(rest.resource ?? [])].sort((a, b) => a.type.localeCompare(b.type));
  const about = (param: SearchParam) => {
    if (param.documentation) return param.documentation;
    if (param.type && TYPE_HINTS.includes(param.type)) return t(`typeHint.${param.type}`);
    return '';
  };
  return (
    <>
      <GeneratedSection id="docs-resources" title={t('resourcesHeading')}>
        <nav aria-label={t('index')} className="my-4">
          <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {resources.map((resource) => (
              <li key={resource.type}>
                <a href={`#${resourceAnchor(resource.type)}`} className="text-brand-700 underline">
                  {resource.type}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {resources.map((resource) => (
          <section
            key={resource.type}
            aria-labelledby={resourceAnchor(resource.type)}
            data-resource={resource.type}
            className="my-6 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 id={resourceAnchor(resource.type)} className="scroll-mt-4 text-lg font-semibold">
              {resource.type}
            </h3>
            {resource.documentation ? <p className="my-2 text-slate-700">{resource.documentation}</p> : null}
            <h4 className="mt-3 font-semibold">{t('interactions')}</h4>
            <ul className="my-2 flex flex-wrap gap-1">
              {(resource.interaction ?? []).map((interaction) => (
                <li key={interaction.code} data-interaction={interaction.code}>
                  <Code>{interaction.code}</Code>
                </li>
              ))}
            </ul>
            {resource.supportedProfile?.length ? (
              <>
                <h4 className="mt-3 font-semibold">{t('profiles')}</h4>
                <ul className="my-2 space-y-1">
                  {resource.supportedProfile.map((profile) => (
                    <li key={profile}>
                      <Code>{profile}</Code>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h4 className="mt-3 font-semibold">{t('searchParams')}</h4>
            {resource.searchParam?.length ? (
              <DocTable head={[t('name'), t('type'), t('about')]}>
                {resource.searchParam.map((param) => (
                  <tr key={param.name} data-search-param={param.name}>
                    <th scope="row" className={`${cellClass} text-left font-normal`}>
                      <Code>{param.name}</Code>
                    </th>
                    <td className={cellClass}>
                      <Code>{param.type ?? ''}</Code>
                    </td>
                    <td className={cellClass}>
                      {about(param)}
                      {param.definition ? (
                        <span className="mt-1 block text-sm text-slate-600">
                          {t('definition')}: <Code>{param.definition}</Code>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DocTable>
            ) : (
              <p className="my-2 text-slate-600">{t('noSearch')}</p>
            )}
            {resource.operation?.length ? (
              <>
                <h4 className="mt-3 font-semibold">{t('operations')}</h4>
                <Operations operations={resource.operation} t={t} />
              </>
            ) : null}
          </section>
        ))}
      </GeneratedSection>
      {rest.operation?.length ? (
        <GeneratedSection id="docs-system-operations" title={t('systemHeading')}>
          <Operations operations={rest.operation} t={t} />
        </GeneratedSection>
      ) : null}
    </>
  );
}
