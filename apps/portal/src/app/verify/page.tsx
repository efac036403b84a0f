import { Button } from '@openpas/ui/button';
import { ErrorNotice } from '@openpas/ui/states';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { api } from '../../server/session.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('verify'))('title') };
}

/** The verification link of the sign-up mail (logged in the sandbox). */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const t = await getTranslations('verify');
  const nav = await getTranslations('nav');
  const token = (await searchParams).token ?? '';
  const { result } = token
    ? await (await api()).account.verifyEmail({ token: token.slice(0, 200) })
    : { result: 'unknown' as const };
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {result === 'verified' ? (
        <>
          <p role="status">{t('verified')}</p>
          <Button asChild>
            <a href="/api/auth/signin?returnTo=/developer">{nav('signIn')}</a>
          </Button>
        </>
      ) : (
        <ErrorNotice title={t(result)} />
      )}
    </div>
  );
}
