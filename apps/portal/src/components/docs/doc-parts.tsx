import { ErrorNotice } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Fetched } from '../../node/docs/index.ts';

/** A generated section: a heading (h2 unless it sits under one of the page's own) with its fixed id. */
export function GeneratedSection({
  id,
  title,
  level = 2,
  children,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id}>
      <Heading
        id={id}
        className={
          level === 2
            ? 'mt-10 scroll-mt-4 border-b border-slate-200 pb-1 text-xl font-semibold'
            : 'mt-6 scroll-mt-4 text-lg font-semibold'
        }
      >
        {title}
      </Heading>
      {children}
    </section>
  );
}

export function DocTable({
  caption,
  head,
  children,
}: {
  caption?: string;
  head: string[];
  children: ReactNode;
}) {
  return (
    <div className="my-4 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        {caption ? <caption className="mb-2 text-left font-medium text-slate-700">{caption}</caption> : null}
        <thead>
          <tr>
            {head.map((label) => (
              <th
                key={label}
                scope="col"
                className="border-b border-slate-300 px-3 py-2 text-left font-semibold"
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export const cellClass = 'border-b border-slate-200 px-3 py-2 align-top';

export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] break-words">{children}</code>
  );
}

/** What a page says when a server it reads from does not answer. */
export async function Unavailable({
  fetched,
  server,
}: {
  fetched: Extract<Fetched, { ok: false }>;
  server: 'smart' | 'openid' | 'metadata';
}) {
  const t = await getTranslations('docs.unavailable');
  const detail =
    fetched.problem === 'unreachable'
      ? t('unreachable', { url: fetched.url })
      : fetched.problem === 'status'
        ? t('status', { url: fetched.url, status: fetched.status ?? 0 })
        : t('notJson', { url: fetched.url });
  return <ErrorNotice title={t('title', { server: t(server) })} detail={detail} />;
}
