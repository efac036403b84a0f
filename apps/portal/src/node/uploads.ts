// Uploaded images, served from the database with the type their bytes were sniffed as; never run as a page.
import { readUpload } from '@openpas/app-registry';
import { runtime } from './runtime.ts';

export async function serveUpload(id: string): Promise<Response> {
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const { sql } = await runtime();
  const upload = await readUpload(sql, id);
  if (!upload) return new Response('not found', { status: 404, headers });
  return new Response(new Uint8Array(upload.data), {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': upload.contentType,
      'Content-Length': String(upload.data.byteLength),
      'Content-Disposition': 'inline',
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
