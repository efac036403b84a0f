// Seeds the sandbox (organisations, the synthetic patients' charts, accounts, clients and apps) into
// DATABASE_URL or, without it, the embedded database, migrating it first; does nothing when
// OPENPAS_SANDBOX says the sandbox is off:  ./openpas db:seed
import { openDatabase } from '@openpas/db';
import { seedSandboxIfEnabled } from '../sandbox/index.ts';

const db = await openDatabase();
try {
  console.error(`sandbox: ${await seedSandboxIfEnabled(db)}`);
} finally {
  await db.close();
}
