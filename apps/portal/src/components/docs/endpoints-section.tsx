import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Fetched, JsonObject } from '../../node/docs/index.ts';
import { Code, cellClass, DocTable, GeneratedSection, Unavailable } from './doc-parts.tsx';
import { JsonFields } from './json-fields.tsx';

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

interface Security {
  service?: { coding?: { code?: string }[]; text?: string }[];
  extension?: { url?: string; extension?: { url?: string; valueUri?: string }[] }[];
}

function securityOf(metadata: JsonObject): Security {
  const rest = (metadata.rest as { security?: Security }[] | undefined) ?? [];
  return rest[0]?.security ?? {};
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The SMART and OpenID Connect discovery documents and the CapabilityStatement, as read just now. */
export async function EndpointsSection({
  smart,
  openid,
  metadata,
}: {
  smart: Fetched;
  openid: Fetched;
  metadata: Fetched;
}) {
  const t = await getTranslations('docs.endpoints');
  const head: [string, string] = [t('field'), t('value')];
  return (
    <>
      <GeneratedSection id="docs-smart" title={t('smartHeading')}>
        {smart.ok ? (
          <>
            <p className="my-3 text-sm text-slate-600">{t('readFrom', { url: smart.url })}</p>
            <JsonFields document={smart.document} head={head} caption={t('smartHeading')} />
          </>
        ) : (
          <Unavailable fetched={smart} server="smart" />
        )}
      </GeneratedSection>
      <GeneratedSection id="docs-openid" title={t('openidHeading')}>
        {openid.ok ? (
          <>
            <p className="my-3 text-sm text-slate-600">{t('readFrom', { url: openid.url })}</p>
            <JsonFields document={openid.document} head={head} caption={t('openidHeading')} />
          </>
        ) : (
          <Unavailable fetched={openid} server="openid" />
        )}
      </GeneratedSection>
      <GeneratedSection id="docs-fhir" title={t('fhirHeading')}>
        {metadata.ok ? <FhirSummary metadata={metadata.document} url={metadata.url} /> : null}
        {metadata.ok ? null : <Unavailable fetched={metadata} server="metadata" />}
      </GeneratedSection>
    </>
  );
}

async function FhirSummary({ metadata, url }: { metadata: JsonObject; url: string }) {
  const t = await getTranslations('docs.endpoints');
  const security = securityOf(metadata);
  const software = metadata.software as { name?: string; version?: string } | undefined;
  const uris =
    security.extension
      ?.find((extension) => extension.url === OAUTH_URIS)
      ?.extension?.filter((uri) => typeof uri.valueUri === 'string') ?? [];
  const services = (security.service ?? []).flatMap((service) =>
    (service.coding ?? []).map((coding) => coding.code ?? '').filter(Boolean),
  );
  const resources = ((metadata.rest as { resource?: unknown[] }[] | undefined)?.[0]?.resource ?? []).length;
  const rows: [string, string[]][] = [
    [t('software'), software ? [`${software.name ?? ''} ${software.version ?? ''}`.trim()] : []],
    [t('fhirVersion'), typeof metadata.fhirVersion === 'string' ? [metadata.fhirVersion] : []],
    [t('formats'), list(metadata.format)],
    [t('securityService'), services],
    [t('instantiates'), list(metadata.instantiates)],
    [t('implementationGuides'), list(metadata.implementationGuide)],
    [t('resourceCount'), [String(resources)]],
  ];
  return (
    <>
      <p className="my-3 text-sm text-slate-600">{t('readFrom', { url })}</p>
      <DocTable head={[t('field'), t('value')]}>
        {rows
          .filter(([, values]) => values.length > 0)
          .map(([label, values]) => (
            <tr key={label}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                {label}
              </th>
              <td className={cellClass}>
                <ul className="space-y-1">
                  {values.map((value) => (
                    <li key={value}>
                      <Code>{value}</Code>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
      </DocTable>
      {uris.length > 0 ? (
        <DocTable head={[t('endpoint'), t('url')]} caption={t('oauthUris')}>
          {uris.map((uri) => (
            <tr key={uri.url} data-oauth-uri={uri.url}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{uri.url}</Code>
              </th>
              <td className={cellClass}>
                <Code>{uri.valueUri}</Code>
              </td>
            </tr>
          ))}
        </DocTable>
      ) : null}
      <p className="my-3">
        <Link href="/docs/fhir-api" className="text-brand-700 underline">
          {t('reference')}
        </Link>
      </p>
    </>
  );
}
