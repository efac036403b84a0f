import { Button } from '@openpas/ui/button';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import type { SessionUser } from '../../node/index.ts';
import { LocaleSwitcher } from './locale-switcher.tsx';
import { SignInLink } from './sign-in-link.tsx';

/** The bar on every page: where a person may go with their roles, the language, sign-in or sign-out. */
export async function Header({ user }: { user: SessionUser | null }) {
  const t = await getTranslations('nav');
  const docs = await getTranslations('docs');
  const links = [
    { href: '/', label: t('catalog'), show: true },
    { href: '/docs', label: docs('navLink'), show: true },
    { href: '/developer', label: t('developer'), show: user?.roles.includes('developer') ?? false },
    { href: '/admin', label: t('admin'), show: user?.roles.includes('admin') ?? false },
    { href: '/hospital', label: t('hospital'), show: user?.roles.includes('hospital_admin') ?? false },
    { href: '/review', label: t('review'), show: user?.roles.includes('reviewer') ?? false },
  ].filter((link) => link.show);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-800">
          OpenPAS
        </Link>
        <nav aria-label={t('mainNav')} className="flex flex-1 flex-wrap gap-1">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="rounded px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <LocaleSwitcher />
        {user ? (
          <form action="/api/auth/signout" method="post" className="flex items-center gap-3">
            <span className="text-sm text-slate-600">{user.displayName}</span>
            <Button type="submit" variant="secondary">
              {t('signOut')}
            </Button>
          </form>
        ) : (
          <div className="flex items-center gap-2">
            <Link href="/signup" className="text-sm text-brand-700 hover:underline">
              {t('signUp')}
            </Link>
            <Suspense fallback={<a href="/api/auth/signin">{t('signIn')}</a>}>
              <SignInLink label={t('signIn')} />
            </Suspense>
          </div>
        )}
      </div>
    </header>
  );
}
