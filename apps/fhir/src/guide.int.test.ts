import { Writable } from 'node:stream';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { BUNDLED_PACKAGE_PATH } from '@openpas/guide-package';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { readFhirEnv } from './env.ts';
import { guidePackagePaths } from './guide.ts';
import type { Logger } from './logger.ts';
import { createFhirServer } from './server.ts';

const targets = await testTargets();

/** A logger whose JSON lines the test reads. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info', base: { app: 'fhir' } }, stream) as unknown as Logger, lines };
}

describe('the implementation guides the FHIR API loads', () => {
  it('are the bundled TWPAS package, then FHIR_IG_PATH’s comma-separated packages', () => {
    expect(guidePackagePaths(readFhirEnv({}))).toEqual([BUNDLED_PACKAGE_PATH]);
    expect(guidePackagePaths(readFhirEnv({ FHIR_IG_PATH: ' /a/b.tgz , /c ,' }))).toEqual([
      BUNDLED_PACKAGE_PATH,
      '/a/b.tgz',
      '/c',
    ]);
  });

  it('replace the bundled package with FHIR_IG_BUNDLED=off, which then needs FHIR_IG_PATH', () => {
    expect(guidePackagePaths(readFhirEnv({ FHIR_IG_BUNDLED: 'off', FHIR_IG_PATH: '/x.tgz' }))).toEqual([
      '/x.tgz',
    ]);
    expect(() => guidePackagePaths(readFhirEnv({ FHIR_IG_BUNDLED: 'off' }))).toThrow(
      'FHIR_IG_BUNDLED=off needs FHIR_IG_PATH',
    );
    expect(() => readFhirEnv({ FHIR_GUIDE_VALIDATION: 'no' })).toThrow(/FHIR_GUIDE_VALIDATION/);
  });

  describe.each(targets)('by the server on $name', (target) => {
    const opened = openTargetForSuite(target);
    const start = (vars: Record<string, string>, logger: Logger) =>
      createFhirServer({
        env: readFhirEnv({ NODE_ENV: 'test', FHIR_GUIDE_THREADS: '1', ...vars }),
        sql: opened.sql,
        logger,
      });

    it('load the bundled guide with its validation on by default, as the log and /readyz say', async () => {
      const { logger, lines } = capturingLogger();
      const server = await start({}, logger);
      try {
        const port = await server.listen(0, '127.0.0.1');
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect([ready.status, await ready.json()]).toEqual([
          200,
          { status: 'ready', guide: { validation: 'on', packages: ['tw.gov.mohw.nhi.pas#1.2.3'] } },
        ]);
        expect(
          lines.find((line) => String(line.msg).startsWith('implementation guide loaded')),
        ).toMatchObject({
          level: 30,
          msg: 'implementation guide loaded; guide validation on',
          packages: ['tw.gov.mohw.nhi.pas#1.2.3'],
          profiles: 46,
          threads: 1,
        });
      } finally {
        await server.close();
      }
    });

    it.skipIf(!sharedAvailable())(
      'say so in the log (a warning) and /readyz when FHIR_GUIDE_VALIDATION=off; FHIR_IG_PATH adds packages',
      async () => {
        const { logger, lines } = capturingLogger();
        const server = await start(
          { FHIR_GUIDE_VALIDATION: 'off', FHIR_IG_PATH: sharedPath('twpas/definitions') },
          logger,
        );
        try {
          const port = await server.listen(0, '127.0.0.1');
          const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
          expect(await ready.json()).toEqual({
            status: 'ready',
            guide: { validation: 'off', packages: ['tw.gov.mohw.nhi.pas#1.2.3', 'definitions#local'] },
          });
          const said = lines.find((line) => String(line.msg).startsWith('implementation guide loaded'));
          expect(said).toMatchObject({ level: 40, validation: 'off' });
          expect(String(said?.msg)).toContain('FHIR_GUIDE_VALIDATION=off');
        } finally {
          await server.close();
        }
      },
    );

    it('stops at start-up when a package cannot be read, rather than at the first submission', async () => {
      const { logger } = capturingLogger();
      await expect(start({ FHIR_IG_PATH: '/no/such/guide' }, logger)).rejects.toThrow(/no\/such\/guide/);
    });
  });
});
