import { Button } from '@openpas/ui/button';
import { Link, useSearchParams } from 'react-router';
import { useTranslations } from 'use-intl';
import { Layout } from '../components/layout.tsx';
import { asEndReason } from '../smart/session.ts';

/** Where a session ends: why, in plain words, and the way back in. */
export function SignedOutPage() {
  const t = useTranslations('signedOut');
  const [params] = useSearchParams();
  const reason = asEndReason(params.get('reason')) ?? 'none';
  return (
    <Layout>
      <div
        role="alert"
        className="mx-auto max-w-xl space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-6"
      >
        <h1 className="text-xl font-semibold">{t(`${reason}.title`)}</h1>
        <p>{t(`${reason}.detail`)}</p>
        <Button asChild>
          <Link to="/">{t('signIn')}</Link>
        </Button>
      </div>
    </Layout>
  );
}
