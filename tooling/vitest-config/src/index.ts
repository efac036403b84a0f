import { resolve } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { reportsDir } from './reports.ts';

/**
 * The shared Vitest setup. Each package spreads it in its own vitest.config.ts.
 * Every run writes a JSON report to <repo>/.reports so `./openpas test` can prove tests ran.
 */
export function openpasVitest(packageDir: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  const name = packageDir.split('/').slice(-2).join('-');
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: process.env.CI ? ['default', 'json'] : ['default', 'json'],
      outputFile: { json: resolve(reportsDir, `${name}.json`) },
      ...overrides,
    },
  });
}
