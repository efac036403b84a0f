// Uploaded images, served from the database with the type their bytes were sniffed as; never run as a page.
import { readUpload } from '@openpas/app-registry';
import { runtime } from './runtime.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function serveUpload(id: string): Promise<Response> {
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (!UUID.test(id)) return new Response('not found', { status: 404, headers });
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
