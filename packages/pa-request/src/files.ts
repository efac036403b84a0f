import { MAX_INLINE_ATTACHMENT_BYTES } from '@openpas/fhir-model/browser';

/** Limits on the files a request carries inside its Bundle (base64 grows them by a third). */
export const ATTACHMENT_LIMITS = {
  /** Largest single file: its base64 stays within the 1 MiB the guide layer (Medplum) allows a base64Binary */
  maxFileBytes: 768 * 1024,
  /** All files of one request together, as the FHIR API allows; well inside its 8 MiB body */
  maxTotalBytes: MAX_INLINE_ATTACHMENT_BYTES,
  maxFiles: 10,
  pdf: ['application/pdf'],
  image: ['image/jpeg', 'image/png'],
} as const;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * A file name as the guide allows it in a `file://` URL — letters, digits, _ ( ) - or CJK, then .ext — from
 * the name the person's file had (its folder dropped) and the extension of its type.
 */
export function guideFileName(name: string, contentType: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .replace(/[^a-zA-Z0-9_\u4e00-\u9fa5()-]/g, '_')
    .slice(0, 100);
  return `${stem || 'file'}.${EXTENSIONS[contentType] ?? 'pdf'}`;
}

export type FileProblem = 'type' | 'size' | 'total' | 'count';

/** Why a file cannot be attached next to the ones already there, if it cannot. */
export function fileProblem(
  file: { contentType: string; size: number },
  kind: 'pdf' | 'image',
  attached: readonly { size: number }[],
): FileProblem | undefined {
  const types: readonly string[] = ATTACHMENT_LIMITS[kind];
  if (!types.includes(file.contentType)) return 'type';
  if (file.size > ATTACHMENT_LIMITS.maxFileBytes) return 'size';
  if (attached.length >= ATTACHMENT_LIMITS.maxFiles) return 'count';
  const total = attached.reduce((sum, other) => sum + other.size, file.size);
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) return 'total';
  return undefined;
}
