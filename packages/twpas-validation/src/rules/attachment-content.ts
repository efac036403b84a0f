import { MAX_INLINE_ATTACHMENT_BYTES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import type { Rule } from '../types.ts';

/** The first bytes each file type the guide carries must start with (a PDF is `%PDF-`, …). */
const SIGNATURES: Readonly<Record<string, readonly number[][]>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]],
  'image/bmp': [[0x42, 0x4d]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ],
};

function firstBytes(base64: string): number[] {
  try {
    return [...atob(base64.slice(0, 24).replace(/\s/g, ''))].map((c) => c.charCodeAt(0));
  } catch {
    return [];
  }
}

function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
}

interface Inline {
  path: string;
  contentType: unknown;
  data: string;
}

/** DocumentReference.content[].attachment and Media.content with inline data. */
function inlineFiles(resource: Record<string, unknown>, base: string): Inline[] {
  const found: Inline[] = [];
  const take = (attachment: unknown, path: string) => {
    const a = attachment as { data?: unknown; contentType?: unknown } | undefined;
    if (typeof a?.data === 'string') found.push({ path, contentType: a.contentType, data: a.data });
  };
  if (resource.resourceType === 'DocumentReference' && Array.isArray(resource.content))
    resource.content.forEach((content, i) => {
      take((content as { attachment?: unknown }).attachment, `${base}.content[${i}].attachment`);
    });
  if (resource.resourceType === 'Media') take(resource.content, `${base}.content`);
  return found;
}

export const attachmentContent: Rule = {
  id: 'attachment.content',
  description:
    'An inline attachment is the file its contentType says (PDF, JPEG, PNG … by their first bytes); all of them together at most 5 MiB',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    let total = 0;
    for (const entry of entries) {
      if (!entry.resource) continue;
      for (const file of inlineFiles(entry.resource as Record<string, unknown>, entry.path)) {
        total += decodedLength(file.data);
        const signatures = SIGNATURES[String(file.contentType)];
        const bytes = firstBytes(file.data);
        if (signatures && !signatures.some((sig) => sig.every((byte, i) => bytes[i] === byte))) {
          issues.push(
            issue(
              this.id,
              'invalid',
              `${file.path}.data`,
              `附件內容不是 ${String(file.contentType)} 檔案`,
              `the attachment's data is not a ${String(file.contentType)} file`,
            ),
          );
        }
      }
    }
    if (total > MAX_INLINE_ATTACHMENT_BYTES) {
      issues.push(
        issue(
          this.id,
          'too-long',
          'Bundle.entry',
          `附件合計 ${total} 位元組，超過上限 ${MAX_INLINE_ATTACHMENT_BYTES}`,
          `the attachments together are ${total} bytes, more than ${MAX_INLINE_ATTACHMENT_BYTES}`,
        ),
      );
    }
    return issues;
  },
};
