import { resolve } from 'node:path';

/**
 * Where the measured apps' sources are: this checkout, or — while run.ts measures the "before" side of a
 * comparison (BENCH_BEFORE=<another checkout>) — that one, so both versions run in one bench run on the
 * same machine, database and load.
 */
export function appsRoot(): string {
  return process.env.BENCH_APPS_ROOT ?? resolve(import.meta.dirname, '../..');
}
