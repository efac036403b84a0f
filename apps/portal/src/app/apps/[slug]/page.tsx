import { Badge } from '@openpas/ui/badge';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppLogo } from '../../../components/catalog/app-logo.tsx';
import { callForPage } from '../../../server/call.ts';
import { api } from '../../../server/session.ts';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const caller = await api();
  const result = await callForPage(`/apps/${slug}`, () => caller.catalog.listing({ slug }));
  if (!result.ok) throw new Error('a listing is public');
  return result.value;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const app = await load((await params).slug);
  return { title: app.name };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** An app's public page: what it does, what data it may touch (in plain words), who made it, its history. */
export default async function ListingPage({ params }: Props) {
  const app = await load((await params).slug);
  const locale = await getLocale();
  const zh = locale === 'zh-TW';
  const t = await getTranslations('listing');
  const vocab = await getTranslations('vocab');
  const format = await getFormatter();
  const summary = zh && app.summaryZh ? app.summaryZh : app.summaryEn;
  const description = zh && app.descriptionZh ? app.descriptionZh : app.descriptionEn;
  const links = [
    { href: app.homepageUrl, label: t('homepage') },
    { href: app.privacyPolicyUrl, label: t('privacy') },
    { href: app.termsUrl, label: t('terms') },
  ].filter((link): link is { href: string; label: string } => Boolean(link.href));

  return (
    <article className="space-y-6">
      <header className="flex items-start gap-5">
        <AppLogo path={app.logoPath} name={app.name} size={80} />
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">{app.name}</h1>
          <p className="text-slate-700">{summary}</p>
          <p className="text-sm text-slate-500">
            {t('developer')}: {app.developerName}
          </p>
          <div className="flex flex-wrap gap-1">
            {app.launchTypes.map((type) => (
              <Badge key={type} tone="info">
                {vocab(`launchType.${type}`)}
              </Badge>
            ))}
            {app.categories.map((category) => (
              <Badge key={category}>{vocab(`category.${category}`)}</Badge>
            ))}
            {app.specialties.map((specialty) => (
              <Badge key={specialty} tone="good">
                {vocab(`specialty.${specialty}`)}
              </Badge>
            ))}
          </div>
        </div>
      </header>

      <div className="grid gap-6 md:grid-cols-3">
        <div className="space-y-6 md:col-span-2">
          <Section title={t('description')}>
            <p className="whitespace-pre-line text-slate-700">{description}</p>
          </Section>
          {app.screenshotPaths.length > 0 ? (
            <Section title={t('screenshots')}>
              <ul className="grid grid-cols-2 gap-3">
                {app.screenshotPaths.map((path, index) => (
                  <li key={path}>
                    <img
                      src={path}
                      alt={`${app.name} ${index + 1}`}
                      className="rounded border border-slate-200"
                    />
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          <Section title={t('scopes')}>
            <ul className="space-y-1 text-sm">
              {app.scopes.map((scope) => (
                <li key={scope.scope} className="flex flex-col">
                  <span>{zh ? scope.zhTW : scope.en}</span>
                  <code className="text-xs text-slate-500">{scope.scope}</code>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t('security')}>
            <dl className="space-y-3 text-sm">
              {(
                ['dataStorage', 'encryption', 'accessControl', 'incidentResponse', 'thirdParties'] as const
              ).map((question) => (
                <div key={question}>
                  <dt className="font-medium">{vocab(`security.${question}`)}</dt>
                  <dd className="text-slate-700">{app.securityAnswers[question] || t('noAnswer')}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </div>
        <aside className="space-y-6">
          <Section title={t('links')}>
            <ul className="space-y-1 text-sm">
              {links.map((link) => (
                <li key={link.label}>
                  <a href={link.href} rel="noopener noreferrer" className="text-brand-700 hover:underline">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t('userTypes')}>
            <p className="text-sm">
              {app.userTypes.map((type) => vocab(`userType.${type}`)).join(zh ? '、' : ', ')}
            </p>
            <p className="text-sm text-slate-500">
              {t('fhir')}: {app.fhirVersion}
            </p>
          </Section>
          <Section title={t('versions')}>
            <ol className="space-y-1 text-sm">
              {app.versionHistory.map((entry) => (
                <li key={entry.version}>
                  {t('version', { version: entry.version })}
                  {entry.approvedAt
                    ? ` · ${t('approvedAt', { date: format.dateTime(new Date(entry.approvedAt), { dateStyle: 'medium' }) })}`
                    : ''}
                </li>
              ))}
            </ol>
          </Section>
        </aside>
      </div>
    </article>
  );
}
