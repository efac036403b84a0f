import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BundleSection } from '../../../components/docs/bundle-section.tsx';
import { DocMarkdown } from '../../../components/docs/doc-markdown.tsx';
import { Unavailable } from '../../../components/docs/doc-parts.tsx';
import { type ContentsEntry, DocsShell } from '../../../components/docs/docs-shell.tsx';
import { EndpointsSection } from '../../../components/docs/endpoints-section.tsx';
import { FhirReferenceSection } from '../../../components/docs/fhir-reference-section.tsx';
import { SandboxSection } from '../../../components/docs/sandbox-section.tsx';
import { ScopesSection } from '../../../components/docs/scopes-section.tsx';
import { fillPlaceholders, headingsOf } from '../../../docs/headings.ts';
import { type DocPage, isDocPage } from '../../../docs/pages.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../i18n/locale.ts';
import { nodeSide } from '../../../server/node.ts';

// Read at every request: the endpoints, scopes and reference come from the servers as they are now.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await params;
  if (!isDocPage(page)) return {};
  const t = await getTranslations('docs');
  return { title: `${t(`pages.${page}`)} · ${t('title')}` };
}

interface Generated {
  element: ReactNode;
  contents: ContentsEntry[];
}

type Node = Awaited<ReturnType<typeof nodeSide>>;
type Urls = Awaited<ReturnType<Node['docs']['deploymentUrls']>>;

/** The section the portal makes for a page from this deployment's servers and the code's own sources. */
async function generated(page: DocPage, locale: Locale, node: Node, urls: Urls): Promise<Generated | null> {
  const docs = node.docs;
  switch (page) {
    case 'endpoints': {
      const t = await getTranslations('docs.endpoints');
      const [smart, openid, metadata] = await Promise.all([
        docs.readSmartConfiguration(urls.issuer),
        docs.readOpenidConfiguration(urls.issuer),
        docs.readCapabilityStatement(urls.fhirBase),
      ]);
      return {
        element: <EndpointsSection smart={smart} openid={openid} metadata={metadata} />,
        contents: [
          { id: 'docs-smart', title: t('smartHeading') },
          { id: 'docs-openid', title: t('openidHeading') },
          { id: 'docs-fhir', title: t('fhirHeading') },
        ],
      };
    }
    case 'scopes': {
      const t = await getTranslations('docs.scopes');
      const smart = await docs.readSmartConfiguration(urls.issuer);
      const supported = smart.ok ? smart.document.scopes_supported : undefined;
      const announced = Array.isArray(supported)
        ? docs.describeScopes(
            supported.filter((scope): scope is string => typeof scope === 'string'),
            locale,
          )
        : null;
      return {
        element: (
          <>
            <ScopesSection words={docs.scopeWords(locale)} announced={announced} />
            {smart.ok ? null : <Unavailable fetched={smart} server="smart" />}
          </>
        ),
        contents: [
          { id: 'docs-scopes-special', title: t('specialHeading') },
          { id: 'docs-scopes-contexts', title: t('contextsHeading') },
          { id: 'docs-scopes-permissions', title: t('permissionsHeading') },
          { id: 'docs-scopes-examples', title: t('examplesHeading') },
          ...(announced ? [{ id: 'docs-scopes-announced', title: t('announcedHeading') }] : []),
        ],
      };
    }
    case 'submit-bundle':
      // Its sections sit under the page's last heading, "The example request".
      return {
        element: <BundleSection example={docs.exampleBundle()} official={docs.OFFICIAL_EXAMPLES} />,
        contents: [],
      };
    case 'sandbox': {
      const t = await getTranslations('docs.sandbox');
      const sandbox = await docs.deploymentSandbox();
      return {
        element: <SandboxSection sandbox={sandbox} />,
        contents: sandbox
          ? [
              { id: 'docs-sandbox-accounts', title: t('accountsHeading') },
              { id: 'docs-sandbox-organisations', title: t('organisationsHeading') },
              { id: 'docs-sandbox-clients', title: t('clientsHeading') },
              { id: 'docs-sandbox-cases', title: t('casesHeading') },
            ]
          : [],
      };
    }
    case 'fhir-api': {
      const t = await getTranslations('docs.reference');
      const metadata = await docs.readCapabilityStatement(urls.fhirBase);
      if (!metadata.ok)
        return { element: <Unavailable fetched={metadata} server="metadata" />, contents: [] };
      const hasSystemOperations = Boolean(
        (metadata.document.rest as { operation?: unknown[] }[] | undefined)?.[0]?.operation?.length,
      );
      return {
        element: <FhirReferenceSection metadata={metadata.document} />,
        contents: [
          { id: 'docs-resources', title: t('resourcesHeading') },
          ...(hasSystemOperations ? [{ id: 'docs-system-operations', title: t('systemHeading') }] : []),
        ],
      };
    }
    default:
      return null;
  }
}

export default async function DocumentationPage({ params }: Props) {
  const { page } = await params;
  if (!isDocPage(page)) notFound();
  const requested = await getLocale();
  const locale: Locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const node = await nodeSide();
  const urls = await node.docs.deploymentUrls();
  const [source, extra] = await Promise.all([
    node.docs.readDocMarkdown(page, locale),
    generated(page, locale, node, urls),
  ]);
  const tokenEndpoint =
    page === 'submit-bundle' ? await node.docs.readSmartConfiguration(urls.issuer) : undefined;
  const markdown = fillPlaceholders(source, {
    AUTH_ISSUER: urls.issuer,
    FHIR_BASE: urls.fhirBase,
    PORTAL_URL: urls.portalUrl,
    TOKEN_ENDPOINT:
      tokenEndpoint?.ok && typeof tokenEndpoint.document.token_endpoint === 'string'
        ? tokenEndpoint.document.token_endpoint
        : `${urls.issuer}/token`,
  });
  const contents: ContentsEntry[] = [
    ...headingsOf(markdown)
      .filter((heading) => heading.depth === 2)
      .map((heading) => ({ id: heading.id, title: heading.text })),
    ...(extra?.contents ?? []),
  ];
  return (
    <DocsShell page={page} contents={contents}>
      <DocMarkdown markdown={markdown} />
      {extra?.element}
    </DocsShell>
  );
}
