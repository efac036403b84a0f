/** Test access to the compiled TWPAS guide in ../shared/twpas (read, never copied into the project). */
import { readFileSync } from 'node:fs';
import { sharedPath } from '@openpas/vitest-config/shared';
import { type ImplementationGuide, loadImplementationGuide } from '../guide.ts';

/** The official request Bundles among the guide's examples. */
export const REQUEST_BUNDLE_FILES = [
  'Bundle-bun-1.json',
  'Bundle-bun-3.json',
  'Bundle-bun-imm.json',
  'Bundle-bun-self.json',
  'Bundle-bun-uuid-example.json',
] as const;

export type Json = Record<string, unknown>;

/** A fresh copy of one of the guide's examples. */
export function readExample(file: string): Json {
  return JSON.parse(readFileSync(sharedPath('twpas', 'examples', file), 'utf8')) as Json;
}

/** The guide's conformance resources (../shared/twpas/definitions), loaded once. */
export function twpasGuide(): ImplementationGuide {
  return loadImplementationGuide([sharedPath('twpas', 'definitions')]);
}
