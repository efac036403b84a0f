import { Button } from '@openpas/ui/button';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { useTranslations } from 'use-intl';
import { Layout } from './components/layout.tsx';
import { type BrowserConfig, ConfigContext } from './config.ts';
import { LocaleProvider } from './i18n/locale.tsx';
import { CallbackPage } from './pages/callback.tsx';
import { CasePage } from './pages/case.tsx';
import { CasesPage } from './pages/cases.tsx';
import { HomePage } from './pages/home.tsx';
import { LaunchPage } from './pages/launch.tsx';
import { MyRequestsPage } from './pages/my-requests.tsx';
import { RequestBuilderPage } from './pages/request-builder.tsx';
import { SandboxPage } from './pages/sandbox.tsx';
import { SignedOutPage } from './pages/signed-out.tsx';
import { SessionGate, useSession } from './smart/session-context.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

/** The frame of a signed-in page: what this person can open, and signing out. */
function SignedIn() {
  const t = useTranslations('nav');
  const { role, patientId, end } = useSession();
  const nav =
    role === 'patient'
      ? [{ to: '/my-requests', label: t('mine') }]
      : [
          ...(patientId ? [{ to: '/request', label: t('request') }] : []),
          { to: '/cases', label: t('cases') },
        ];
  return (
    <Layout
      nav={nav}
      actions={
        <Button variant="ghost" onClick={() => end('signed-out')}>
          {t('signOut')}
        </Button>
      }
    >
      <Outlet />
    </Layout>
  );
}

export function App({ config }: { config: BrowserConfig }) {
  return (
    <ConfigContext.Provider value={config}>
      <LocaleProvider>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/launch" element={<LaunchPage />} />
              <Route path="/callback" element={<CallbackPage />} />
              <Route path="/signed-out" element={<SignedOutPage />} />
              <Route path="/sandbox" element={<SandboxPage />} />
              <Route
                element={
                  <SessionGate>
                    <SignedIn />
                  </SessionGate>
                }
              >
                <Route path="/request" element={<RequestBuilderPage />} />
                <Route path="/cases" element={<CasesPage />} />
                <Route path="/cases/:id" element={<CasePage />} />
                <Route path="/my-requests" element={<MyRequestsPage />} />
              </Route>
              <Route path="*" element={<HomePage />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </LocaleProvider>
    </ConfigContext.Provider>
  );
}
