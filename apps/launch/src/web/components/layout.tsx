import { cn } from '@openpas/ui/cn';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslations } from 'use-intl';
import { LocaleSwitcher } from './locale-switcher.tsx';

export interface NavItem {
  to: string;
  label: string;
}

/** The frame of every page: the app's name, where one can go, the language. */
export function Layout({
  nav = [],
  actions,
  children,
}: {
  nav?: NavItem[];
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations('app');
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <p className="font-semibold text-brand-700">{t('name')}</p>
          {nav.length > 0 ? (
            <nav aria-label={t('navigation')} className="flex gap-1">
              {nav.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  end
                  className={({ isActive }) =>
                    cn(
                      'rounded px-3 py-1.5 text-sm',
                      isActive ? 'bg-brand-100 text-brand-800' : 'text-slate-700 hover:bg-slate-100',
                    )
                  }
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
          ) : null}
          <div className="ml-auto flex items-center gap-3">
            {actions}
            <LocaleSwitcher />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
