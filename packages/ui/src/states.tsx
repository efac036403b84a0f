import type { ReactNode } from 'react';

/** What a list shows while it loads, when it is empty and when it failed. */
export function Loading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-8 text-slate-600">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-2 text-sm">{children}</div> : null}
    </div>
  );
}

export function ErrorNotice({ title, detail }: { title: string; detail?: string | undefined }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-800">
      <p className="font-medium">{title}</p>
      {detail ? <p className="mt-1 text-sm">{detail}</p> : null}
    </div>
  );
}
