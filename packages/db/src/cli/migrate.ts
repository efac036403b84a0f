// Applies the committed migrations to DATABASE_URL or, without it, to the embedded database (through
// ./openpas start's server when that is running):  ./openpas db:migrate
import { openDatabase } from '../connect.ts';
import { readDbEnv } from '../env.ts';

const env = readDbEnv();
const where = env.DATABASE_URL
  ? 'the PostgreSQL of DATABASE_URL'
  : `the embedded database in ${env.OPENPAS_DATA_DIR}`;
const db = await openDatabase();
await db.close();
console.error(
  db.migrationsApplied.length === 0
    ? `${where} is up to date`
    : `applied to ${where}: ${db.migrationsApplied.join(', ')}`,
);
