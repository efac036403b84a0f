import { join } from 'node:path';
import { openpasVitest } from '@openpas/vitest-config';
import { reportsDir } from '@openpas/vitest-config/reports';

// bench/ is a top-level folder, not apps/x or packages/x: its report is bench.json.
export default openpasVitest(import.meta.dirname, {
  include: ['lib/**/*.test.ts'],
  outputFile: { json: join(reportsDir, 'bench.json') },
});
