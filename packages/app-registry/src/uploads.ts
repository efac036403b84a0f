import { createHash } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import { loadApp } from './app-reads.ts';
import { sniffImageType } from './image-sniffing.ts';
import { RegistryError } from './registry-error.ts';
import type { UploadView } from './views.ts';
import { MAX_UPLOAD_BYTES, type UploadKind } from './vocabulary.ts';

// Logos and screenshots, stored in the database (so every portal instance serves them and backups keep
// them). The type is sniffed from the bytes; anything that is not PNG, JPEG, WebP or GIF, and anything
// larger than the kind allows, is refused. The portal serves them with the stored type and nosniff.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function storeUpload(
  sql: SqlRunner,
  developerId: string,
  input: { appId: string; kind: UploadKind; dataBase64: string },
): Promise<UploadView> {
  await loadApp(sql, input.appId, { developerId });
  const text = input.dataBase64.replace(/\s+/g, '');
  if (!BASE64.test(text)) {
    throw new RegistryError('invalid', 'not base64', { dataBase64: ['the file must be sent as base64'] });
  }
  const bytes = Buffer.from(text, 'base64');
  const limit = MAX_UPLOAD_BYTES[input.kind];
  if (bytes.length > limit) {
    throw new RegistryError('invalid', 'too large', {
      dataBase64: [
        `a ${input.kind} may be at most ${Math.round(limit / 1024)} KiB; this one is ${Math.ceil(bytes.length / 1024)} KiB`,
      ],
    });
  }
  const contentType = sniffImageType(bytes);
  if (!contentType) {
    throw new RegistryError('invalid', 'not an accepted image', {
      dataBase64: ['only PNG, JPEG, WebP and GIF images are accepted (no SVG, HTML or other files)'],
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO app_upload (id, app_id, kind, content_type, size, sha256, data)
     VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4::int, $5, decode($6, 'base64')) RETURNING id::text AS id`,
    [input.appId, input.kind, contentType, bytes.length, sha256, bytes.toString('base64')],
  );
  const id = row?.id as string;
  return { id, kind: input.kind, contentType, size: bytes.length, path: `/uploads/${id}` };
}

export interface StoredUpload {
  contentType: string;
  data: Buffer;
  sha256: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upload's bytes and type, for the portal's /uploads/<id> route; undefined when there is none. */
export async function readUpload(sql: SqlRunner, id: string): Promise<StoredUpload | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await sql.query<{ content_type: string; data: string; sha256: string }>(
    `SELECT content_type, encode(data, 'base64') AS data, sha256 FROM app_upload WHERE id = $1::uuid`,
    [id],
  );
  if (!row) return undefined;
  return { contentType: row.content_type, data: Buffer.from(row.data, 'base64'), sha256: row.sha256 };
}
