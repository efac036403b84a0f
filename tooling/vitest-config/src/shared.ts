import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordSkip } from './reports.ts';

/** `../shared` beside the repository: the contract, specs and the TWPAS guide compiled to data. */
export const sharedDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');

/**
 * Whether tests that read ../shared can run. Under CI=true a missing folder is an error;
 * elsewhere such tests are skipped with a visible notice, and `./openpas test` lists the skip at the end.
 */
export function sharedAvailable(): boolean {
  if (existsSync(sharedDir)) return true;
  if (process.env.CI === 'true')
    throw new Error(`../shared is missing (looked in ${sharedDir}); CI needs it`);
  console.warn(`NOTICE: ${sharedDir} is missing; tests that read the shared TWPAS data are skipped`);
  recordSkip('tests that read ../shared', `because ${sharedDir} is missing`);
  return false;
}

export function sharedPath(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}
