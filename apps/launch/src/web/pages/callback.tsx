import { Button } from '@openpas/ui/button';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslations } from 'use-intl';
import { Layout } from '../components/layout.tsx';
import { restoreSession } from '../smart/session.ts';

/**
 * The OAuth errors a redirect may carry, each said in the app's own words: the redirect's own text
 * (error_description) is anyone's to write, so it is not shown.
 */
const KNOWN_ERRORS = ['access_denied', 'invalid_scope', 'login_required', 'consent_required', 'server_error'];

/** The redirect URI: fhirclient redeems the code (checking `state`), then the app opens what fits. */
export function CallbackPage() {
  const t = useTranslations('callback');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<string | undefined>();
  const denied = params.get('error');

  useEffect(() => {
    if (denied) return;
    restoreSession()
      .then((client) => {
        const fhirUser = client.getFhirUser() ?? '';
        if (fhirUser.startsWith('Patient/')) navigate('/my-requests', { replace: true });
        else if (client.getPatientId()) navigate('/request', { replace: true });
        else navigate('/cases', { replace: true });
      })
      .catch((error: Error) => setFailure(error.message));
  }, [denied, navigate]);

  return (
    <Layout>
      {denied ? (
        <div className="space-y-4">
          <ErrorNotice
            title={t('denied')}
            detail={t(`errors.${KNOWN_ERRORS.includes(denied) ? denied : 'other'}`)}
          />
          <Button asChild variant="secondary">
            <Link to="/">{t('again')}</Link>
          </Button>
        </div>
      ) : failure ? (
        <div className="space-y-4">
          <ErrorNotice title={t('failed')} detail={failure} />
          <Button asChild variant="secondary">
            <Link to="/">{t('again')}</Link>
          </Button>
        </div>
      ) : (
        <Loading label={t('signingIn')} />
      )}
    </Layout>
  );
}
