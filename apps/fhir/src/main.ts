// The FHIR API process: reads its configuration, opens the database, serves until SIGTERM.
import { openDatabase, openFastSql } from '@openpas/db';
import { r4Elements } from '@openpas/fhir-model';
import { readFhirEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { createFhirServer } from './server.ts';

const env = readFhirEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();
const sql = await openFastSql(db);
// The R4 element table (unknown elements, _summary) is built now, not on the first create.
r4Elements();
const fhir = await createFhirServer({ env, sql, logger });
const port = await fhir.listen(env.FHIR_PORT, env.FHIR_HOST);
logger.info({ base: env.FHIR_BASE_URL, port }, 'FHIR API listening');
process.stdout.write(`listening ${port}\n`);

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  await fhir.close();
  await sql.close();
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
