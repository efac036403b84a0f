import { Button } from '@openpas/ui/button';
import { Field } from '@openpas/ui/field';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { Layout } from '../components/layout.tsx';
import { useConfig } from '../config.ts';
import { useLocale } from '../i18n/locale.tsx';

interface Directory {
  clinicians: {
    username: string;
    name: string;
    hospital: { code: string; name: string; nameEn: string } | null;
    patients: { id: string; name: string }[];
  }[];
  patients: { username: string; name: string; patient: string }[];
  apps: { clientId: string; name: string; launchUrl: string }[];
}

const SELECT = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

/**
 * The sandbox EHR launcher, where app developers try their apps: a sandbox clinician, one of their
 * hospital's patients, an app — launched through the authorization server's sandbox EHR launch (which
 * signs the clinician in and refuses a patient of another hospital). Also the patient portal's launch.
 */
export function SandboxPage() {
  const t = useTranslations('sandbox');
  const { locale } = useLocale();
  const config = useConfig();
  const directory = useQuery({
    queryKey: ['sandbox-directory'],
    queryFn: async (): Promise<Directory> => {
      const response = await fetch(`${config.issuer}/sandbox/directory`);
      if (!response.ok) throw new Error(`${response.status}`);
      return (await response.json()) as Directory;
    },
  });
  const [clinician, setClinician] = useState('');
  const [patient, setPatient] = useState('');
  const [app, setApp] = useState('');
  if (!config.sandbox)
    return (
      <Layout>
        <ErrorNotice title={t('off')} />
      </Layout>
    );
  if (directory.isPending)
    return (
      <Layout>
        <Loading label={t('loading')} />
      </Layout>
    );
  if (directory.isError)
    return (
      <Layout>
        <ErrorNotice title={t('failed')} detail={directory.error.message} />
      </Layout>
    );
  const data = directory.data;
  const chosen = data.clinicians.find((c) => c.username === clinician) ?? data.clinicians[0];
  const patientId = chosen?.patients.some((p) => p.id === patient)
    ? patient
    : (chosen?.patients[0]?.id ?? '');
  const clientId = app || data.apps[0]?.clientId || '';
  const launchHref = `${config.issuer}/sandbox/ehr-launch?${new URLSearchParams({ client_id: clientId, patient: patientId })}`;
  const standaloneApp = data.apps.find((a) => a.clientId === clientId);
  return (
    <Layout>
      <div className="mx-auto max-w-3xl space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-2 text-slate-700">{t('intro')}</p>
        </div>
        <section
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          aria-labelledby="ehr-heading"
        >
          <h2 id="ehr-heading" className="text-lg font-semibold">
            {t('ehrLaunch')}
          </h2>
          <Field label={t('clinician')} hint={t('password')}>
            {(control) => (
              <select
                {...control}
                className={SELECT}
                value={chosen?.username ?? ''}
                onChange={(e) => setClinician(e.target.value)}
              >
                {data.clinicians.map((c) => (
                  <option key={c.username} value={c.username}>
                    {c.name} ({c.username}) —{' '}
                    {c.hospital ? (locale === 'en' ? c.hospital.nameEn : c.hospital.name) : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('patient')} hint={t('tenancy')}>
            {(control) => (
              <select
                {...control}
                className={SELECT}
                value={patientId}
                onChange={(e) => setPatient(e.target.value)}
              >
                {chosen?.patients.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.id})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('app')}>
            {(control) => (
              <select
                {...control}
                className={SELECT}
                value={clientId}
                onChange={(e) => setApp(e.target.value)}
              >
                {data.apps.map((a) => (
                  <option key={a.clientId} value={a.clientId}>
                    {a.name} ({a.clientId})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="text-sm text-slate-600">{t('signInAs', { username: chosen?.username ?? '' })}</p>
          <Button asChild>
            <a href={launchHref}>{t('launch')}</a>
          </Button>
        </section>
        <section
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          aria-labelledby="portal-heading"
        >
          <h2 id="portal-heading" className="text-lg font-semibold">
            {t('patientLaunch')}
          </h2>
          <p className="text-sm text-slate-700">{t('patientIntro')}</p>
          <ul className="space-y-2">
            {data.patients.map((p) =>
              standaloneApp ? (
                <li key={p.username}>
                  <a
                    className="text-brand-700 underline"
                    href={`${standaloneApp.launchUrl}?${new URLSearchParams({ iss: config.fhirBaseUrl, role: 'patient' })}`}
                  >
                    {t('openAs', { app: standaloneApp.name, name: p.name, username: p.username })}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        </section>
      </div>
    </Layout>
  );
}
