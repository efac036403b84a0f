'use client';

import { Button } from '@openpas/ui/button';
import { useTranslations } from 'next-intl';
import { Dialog } from 'radix-ui';
import { useId, useState } from 'react';

/**
 * A decision's button and its dialog: the reason (required for reject, suspend, retire; a note, optional,
 * for approve), focus kept inside while open, Escape closes.
 */
export function DecisionDialog({
  label,
  variant,
  reasonRequired,
  busy,
  override,
  onConfirm,
}: {
  label: string;
  variant: 'primary' | 'danger' | 'secondary';
  reasonRequired: boolean;
  busy: boolean;
  /** A second, required reason: why the decision overrides a failed or missing certification */
  override?: { label: string; notice: string } | undefined;
  onConfirm: (reason: string, override: string) => Promise<void>;
}) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [overrideError, setOverrideError] = useState<string | null>(null);
  const id = useId();
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
        setOverrideError(null);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant={variant}>{label}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{label}</Dialog.Title>
          <Dialog.Description className="sr-only">
            {reasonRequired ? t('reasonRequired') : t('noteLabel')}
          </Dialog.Description>
          <form
            noValidate
            className="space-y-4"
            onSubmit={async (event) => {
              event.preventDefault();
              if (reasonRequired && reason.trim() === '') {
                setError(t('reasonRequired'));
                return;
              }
              if (override && overrideReason.trim() === '') {
                setOverrideError(t('reasonRequired'));
                return;
              }
              try {
                await onConfirm(reason.trim(), overrideReason.trim());
                setOpen(false);
                setReason('');
                setOverrideReason('');
              } catch (problem) {
                setError((problem as Error).message);
              }
            }}
          >
            <div className="space-y-1">
              <label htmlFor={id} className="block text-sm font-medium">
                {reasonRequired ? t('reasonLabel') : t('noteLabel')}
              </label>
              <textarea
                id={id}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                required={reasonRequired}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
                className="block min-h-24 w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
              />
              {error ? (
                <p id={`${id}-error`} className="text-xs font-medium text-red-700">
                  {error}
                </p>
              ) : null}
            </div>
            {override ? (
              <div className="space-y-1">
                <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{override.notice}</p>
                <label htmlFor={`${id}-override`} className="block text-sm font-medium">
                  {override.label}
                </label>
                <textarea
                  id={`${id}-override`}
                  value={overrideReason}
                  onChange={(event) => setOverrideReason(event.target.value)}
                  required
                  aria-invalid={Boolean(overrideError)}
                  aria-describedby={overrideError ? `${id}-override-error` : undefined}
                  className="block min-h-24 w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
                />
                {overrideError ? (
                  <p id={`${id}-override-error`} className="text-xs font-medium text-red-700">
                    {overrideError}
                  </p>
                ) : null}
              </div>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{common('cancel')}</Button>
              </Dialog.Close>
              <Button type="submit" variant={variant} disabled={busy}>
                {t('confirm')}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
