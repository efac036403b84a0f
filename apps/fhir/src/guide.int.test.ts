import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { readFhirEnv } from './env.ts';
import { guideFor } from './guide.ts';
import { createLogger } from './logger.ts';
import { createFhirServer } from './server.ts';

const targets = await testTargets();

describe('the implementation guide named by FHIR_IG_PATH', () => {
  it('is none when the variable is unset or names no folder', () => {
    expect(guideFor(undefined)).toBeUndefined();
    expect(guideFor(' , ')).toBeUndefined();
  });

  it.skipIf(!sharedAvailable())('is read from comma-separated folders, once', () => {
    const guide = guideFor(` ${sharedPath('twpas/definitions')} ,`);
    expect(guide?.profiles.has('https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-twpas')).toBe(true);
    expect(guideFor(sharedPath('twpas/definitions'))).toBe(guide);
  });

  describe.each(targets)('and the server on $name', (target) => {
    const opened = openTargetForSuite(target);
    it('stops at start-up when a folder cannot be read, rather than at the first submission', async () => {
      const start = () =>
        createFhirServer({
          env: readFhirEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', FHIR_IG_PATH: '/no/such/guide' }),
          sql: opened.sql,
          logger: createLogger('silent'),
        });
      await expect(start()).rejects.toThrow(/no\/such\/guide/);
    });
  });
});
