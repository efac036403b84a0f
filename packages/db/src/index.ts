export {
  type ClientDecision,
  type ClientReview,
  type ClientReviewResult,
  reviewClient,
} from './clients/review.ts';
export { type Database, type DatabaseKind, type OpenOptions, openDatabase } from './connect.ts';
export { nextSequence } from './counters/next-sequence.ts';
export { type EmbeddedServer, serveEmbedded } from './embedded/serve.ts';
export { type DbEnv, dbEnv, readDbEnv, sandboxEnabled } from './env.ts';
export * from './generated/prisma/client.ts';
export { applyMigrations } from './migrate/apply.ts';
export { diffSchemaAgainstMigrations } from './migrate/diff.ts';
export { hashPassword, verifyPassword } from './security/password.ts';
export { type FastSql, openFastSql, type SqlRunner } from './sql/fast-sql.ts';
export { groupCalls } from './sql/group-calls.ts';
export { ping } from './sql/ping.ts';
export { dateColumn, intColumn, jsonColumn } from './sql/values.ts';
