import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslations } from 'use-intl';
import { Layout } from '../components/layout.tsx';
import { useConfig } from '../config.ts';
import { authorize } from '../smart/session.ts';

/**
 * The launch URL (/launch?iss=…&launch=…): the EHR opens the app here; on to the authorization server.
 * Only the deployment's own FHIR server is accepted as `iss`, so a crafted link cannot send a clinician
 * to sign in somewhere else.
 */
export function LaunchPage() {
  const t = useTranslations('launch');
  const config = useConfig();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<string | undefined>();
  const iss = params.get('iss') ?? '';
  const launch = params.get('launch') ?? undefined;
  const foreign = iss !== '' && iss.replace(/\/+$/, '') !== config.fhirBaseUrl;

  useEffect(() => {
    if (foreign) return;
    const kind = launch ? 'ehr' : params.get('role') === 'patient' ? 'patient' : 'clinician';
    // fhirclient also reads settings (clientId, fhirServiceUrl, patientId …) from the page's URL: the app
    // passes its own explicitly and clears the URL first, so a crafted link cannot change them.
    window.history.replaceState(null, '', '/launch');
    authorize(config, { kind, iss: iss || config.fhirBaseUrl, ...(launch ? { launch } : {}) }).catch(
      (error: Error) => setFailure(error.message),
    );
  }, [config, foreign, iss, launch, params]);

  return (
    <Layout>
      {foreign ? (
        <ErrorNotice
          title={t('foreign')}
          detail={t('foreignDetail', { iss, expected: config.fhirBaseUrl })}
        />
      ) : failure ? (
        <ErrorNotice title={t('failed')} detail={failure} />
      ) : (
        <Loading label={t('connecting')} />
      )}
    </Layout>
  );
}
