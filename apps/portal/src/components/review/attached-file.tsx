'use client';

import { Button } from '@openpas/ui/button';
import { useTranslations } from 'next-intl';
import { Dialog } from 'radix-ui';
import { useEffect, useState } from 'react';

interface File {
  name: string;
  contentType: string;
  data?: string | undefined;
  url?: string | undefined;
}

/** A blob: URL for inline base64 content, revoked when the viewer closes. */
function useObjectUrl(file: File, open: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!open || !file.data) return;
    const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
    const made = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [open, file.data, file.contentType]);
  return url;
}

/** One attached file: its name as a button that opens it inside the page (PDF in a frame, images as images). */
export function AttachedFile({ file }: { file: File }) {
  const t = useTranslations('review.case');
  const [open, setOpen] = useState(false);
  const url = useObjectUrl(file, open);
  const isImage = file.contentType.startsWith('image/');
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary" aria-label={t('openFile', { name: file.name })}>
          {file.name}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 flex h-[85vh] w-[min(60rem,94vw)] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-lg bg-white p-4 shadow-xl">
          <div className="flex items-center justify-between gap-4">
            <Dialog.Title className="truncate font-semibold">{file.name}</Dialog.Title>
            <Dialog.Close asChild>
              <Button variant="secondary">{t('closeFile')}</Button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{file.contentType}</Dialog.Description>
          {!file.data ? (
            <p className="text-sm">{t('fileNotInline', { url: file.url ?? '' })}</p>
          ) : url && isImage ? (
            <img src={url} alt={file.name} className="min-h-0 flex-1 object-contain" />
          ) : url ? (
            <iframe
              src={url}
              title={file.name}
              className="min-h-0 w-full flex-1 rounded border border-slate-200"
            />
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
