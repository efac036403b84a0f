'use client';

import { Button } from '@openpas/ui/button';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ChangeEvent, useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { fieldErrorsOf } from '../../trpc/field-errors.ts';
import { useTRPC } from '../../trpc/react.tsx';
import { useServerText } from '../../trpc/server-text.ts';
import type { AppFormValues } from './app-form-values.ts';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The logo and the screenshots: uploaded as soon as chosen (the server sniffs type and checks size). */
export function ImageUploads({
  appId,
  form,
}: {
  appId: string | undefined;
  form: UseFormReturn<AppFormValues>;
}) {
  const t = useTranslations('appForm');
  const f = useTranslations('vocab.field');
  const trpc = useTRPC();
  const serverText = useServerText();
  const upload = useMutation(trpc.developerApps.upload.mutationOptions());
  const [error, setError] = useState<{ kind: string; message: string } | null>(null);
  const logoId = useId();
  const shotsId = useId();
  const logo = form.watch('logoUploadId');
  const screenshots = form.watch('screenshotUploadIds');

  if (!appId) return <p className="text-sm text-slate-600">{t('uploadHint')}</p>;

  const send = (kind: 'logo' | 'screenshot') => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    try {
      const stored = await upload.mutateAsync({
        appId,
        kind,
        fileName: file.name,
        dataBase64: await base64Of(file),
      });
      if (kind === 'logo') form.setValue('logoUploadId', stored.id, { shouldDirty: true });
      else
        form.setValue('screenshotUploadIds', [...form.getValues('screenshotUploadIds'), stored.id], {
          shouldDirty: true,
        });
    } catch (problem) {
      const fields = fieldErrorsOf(problem);
      setError({
        kind,
        message: fields ? Object.values(fields).flat().map(serverText).join(' ') : (problem as Error).message,
      });
    }
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t('uploadHint')}</p>
      <div className="space-y-2">
        <label htmlFor={logoId} className="block text-sm font-medium">
          {t('uploadLogo')}
        </label>
        <input
          id={logoId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={send('logo')}
          aria-describedby={error?.kind === 'logo' ? `${logoId}-error` : undefined}
          aria-invalid={error?.kind === 'logo'}
          className="text-sm"
        />
        {error?.kind === 'logo' ? (
          <p id={`${logoId}-error`} className="text-xs font-medium text-red-700">
            {error.message}
          </p>
        ) : null}
        {logo ? (
          <div className="flex items-center gap-3">
            <img
              src={`/uploads/${logo}`}
              alt={f('logoUploadId')}
              width={56}
              height={56}
              className="rounded border"
            />
            <Button
              variant="ghost"
              onClick={() => form.setValue('logoUploadId', null, { shouldDirty: true })}
            >
              {t('remove')}
            </Button>
          </div>
        ) : null}
      </div>
      <div className="space-y-2">
        <label htmlFor={shotsId} className="block text-sm font-medium">
          {t('uploadScreenshot')}
        </label>
        <input
          id={shotsId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={send('screenshot')}
          aria-describedby={error?.kind === 'screenshot' ? `${shotsId}-error` : undefined}
          aria-invalid={error?.kind === 'screenshot'}
          className="text-sm"
        />
        {error?.kind === 'screenshot' ? (
          <p id={`${shotsId}-error`} className="text-xs font-medium text-red-700">
            {error.message}
          </p>
        ) : null}
        <ul className="flex flex-wrap gap-3">
          {screenshots.map((id, index) => (
            <li key={id} className="flex flex-col items-start gap-1">
              <img
                src={`/uploads/${id}`}
                alt={`${f('screenshotUploadIds')} ${index + 1}`}
                className="h-24 rounded border"
              />
              <Button
                variant="ghost"
                onClick={() =>
                  form.setValue(
                    'screenshotUploadIds',
                    screenshots.filter((other) => other !== id),
                    { shouldDirty: true },
                  )
                }
              >
                {t('remove')}
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
