import { openpasVitest } from '@openpas/vitest-config';

// The end-to-end steps drive a browser through several pages each: they get three minutes apiece.
export default openpasVitest(import.meta.dirname, {
  include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
  testTimeout: 180_000,
});
