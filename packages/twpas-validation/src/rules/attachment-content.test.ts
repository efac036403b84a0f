import { MAX_INLINE_ATTACHMENT_BYTES } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { attachmentContent } from './attachment-content.ts';

const b64 = (bytes: number[] | string) =>
  Buffer.from(typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)).toString('base64');

function bundleWith(...files: { contentType: string; data: string }[]) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: files.map((file, i) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
      resource: {
        resourceType: 'DocumentReference',
        content: [{ attachment: { ...file, url: `file://f${i}.pdf` } }],
      },
    })),
  };
}

const check = (bundle: unknown) => attachmentContent.check(createContext(bundle as never));

describe('inline attachments', () => {
  it('accept a PDF, a JPEG and a PNG that are what they say', () => {
    const bundle = bundleWith(
      { contentType: 'application/pdf', data: b64('%PDF-1.7\n') },
      { contentType: 'image/jpeg', data: b64([0xff, 0xd8, 0xff, 0xe0]) },
      { contentType: 'image/png', data: b64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) },
    );
    expect(check(bundle)).toEqual([]);
  });

  it('refuse an HTML page called a PDF, at its data', () => {
    const [found] = check(bundleWith({ contentType: 'application/pdf', data: b64('<html><script>') }));
    expect(found?.expression).toMatch(/entry\[0\].*content\[0\]\.attachment\.data$/);
  });

  it('refuse more than 5 MiB of files in one request', () => {
    const big = b64(`%PDF-${'x'.repeat(MAX_INLINE_ATTACHMENT_BYTES / 2)}`);
    const found = check(
      bundleWith(
        { contentType: 'application/pdf', data: big },
        { contentType: 'application/pdf', data: big },
      ),
    );
    expect(found.map((i) => i.code)).toEqual(['too-long']);
  });
});
