import { openpasVitest } from '@openpas/vitest-config';
import { trustLoopbackCertificate } from './test/loopback-tls.ts';

trustLoopbackCertificate();

export default openpasVitest(import.meta.dirname, { testTimeout: 180_000 });
