import { openpasVitest } from '@openpas/vitest-config';

export default openpasVitest(import.meta.dirname, {
  include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
});
