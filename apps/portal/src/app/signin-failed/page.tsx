import { Button } from '@openpas/ui/button';
import { ErrorNotice } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';

const REASONS = new Set(['expired', 'denied', 'failed']);

export default async function SignInFailedPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string }>;
}) {
  const t = await getTranslations('signinFailed');
  const nav = await getTranslations('nav');
  const reason = (await searchParams).reason ?? 'failed';
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <ErrorNotice title={t(REASONS.has(reason) ? (reason as 'expired') : 'failed')} />
      <Button asChild>
        <a href="/api/auth/signin">{nav('signIn')}</a>
      </Button>
    </div>
  );
}
