import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { createApp, RegistryError, readUpload, storeUpload, updateApp } from '../src/index.ts';
import { ehrApp, organization, user } from './fixtures.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d605a00000000049454e44ae426082',
  'hex',
);
const options = { production: false, authIssuer: 'http://auth.test' };
const targets = await testTargets();

describe.each(targets)('app images on $name', (target) => {
  const suite = openTargetForSuite(target);

  async function draft() {
    const vendor = await organization(suite.sql, 'vendor', 'Pics Inc');
    const developer = { userId: await user(suite.sql, ['developer'], vendor), organizationId: vendor };
    const { app } = await createApp(suite.sql, developer, ehrApp('Pictures'), options);
    return { developer, app };
  }

  async function refused(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).fieldErrors.dataBase64?.[0] ?? '';
  }

  it('stores a PNG in the database with the type its bytes say and gives it back', async () => {
    const { developer, app } = await draft();
    const upload = await storeUpload(suite.sql, developer.userId, {
      appId: app.id,
      kind: 'logo',
      dataBase64: PNG.toString('base64'),
    });
    expect(upload).toMatchObject({
      kind: 'logo',
      contentType: 'image/png',
      size: PNG.length,
      path: `/uploads/${upload.id}`,
    });
    const stored = await readUpload(suite.sql, upload.id);
    expect(stored?.contentType).toBe('image/png');
    expect(Buffer.compare(stored?.data ?? Buffer.alloc(0), PNG)).toBe(0);
    expect(await readUpload(suite.sql, '../../etc/passwd')).toBeUndefined();
    const withLogo = await updateApp(
      suite.sql,
      developer,
      app.id,
      { ...ehrApp('Pictures'), logoUploadId: upload.id },
      options,
    );
    expect(withLogo.working.details.logoUploadId).toBe(upload.id);
  });

  it('refuses an SVG with a script, an HTML file named .png and an oversized image', async () => {
    const { developer, app } = await draft();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    );
    expect(
      await refused(
        storeUpload(suite.sql, developer.userId, {
          appId: app.id,
          kind: 'logo',
          dataBase64: svg.toString('base64'),
        }),
      ),
    ).toMatch(/only PNG, JPEG, WebP and GIF/);
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    expect(
      await refused(
        storeUpload(suite.sql, developer.userId, {
          appId: app.id,
          kind: 'screenshot',
          dataBase64: html.toString('base64'),
        }),
      ),
    ).toMatch(/only PNG/);
    const big = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
    expect(
      await refused(
        storeUpload(suite.sql, developer.userId, {
          appId: app.id,
          kind: 'logo',
          dataBase64: big.toString('base64'),
        }),
      ),
    ).toMatch(/at most 512 KiB/);
    const count = await suite.sql.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM app_upload WHERE app_id = $1::uuid',
      [app.id],
    );
    expect(Number(count[0]?.n)).toBe(0);
  });

  it('refuses another app’s image in a registration', async () => {
    const first = await draft();
    const second = await draft();
    const upload = await storeUpload(suite.sql, first.developer.userId, {
      appId: first.app.id,
      kind: 'screenshot',
      dataBase64: PNG.toString('base64'),
    });
    const error = await updateApp(
      suite.sql,
      second.developer,
      second.app.id,
      { ...ehrApp('Pictures'), screenshotUploadIds: [upload.id] },
      options,
    ).then(
      () => undefined,
      (e: unknown) => e as RegistryError,
    );
    expect(error?.fieldErrors.screenshotUploadIds?.[0]).toMatch(/no screenshot/);
  });
});
