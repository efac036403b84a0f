import { openpasVitest } from '@openpas/vitest-config';

export default openpasVitest(import.meta.dirname);
