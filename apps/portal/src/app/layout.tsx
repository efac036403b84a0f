import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Header } from '../components/layout/header.tsx';
import { currentUser } from '../server/session.ts';
import { TRPCReactProvider } from '../trpc/react.tsx';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  const user = await currentUser();
  return (
    <html lang={locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider>
          <TRPCReactProvider>
            <Header user={user} />
            <main id="main" className="mx-auto max-w-6xl px-4 py-8">
              {children}
            </main>
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
