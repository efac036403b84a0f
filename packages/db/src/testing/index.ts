export { openTargetForSuite } from './open-target.ts';
export {
  createThrowawayDatabase,
  type PostgresPlan,
  planPostgresTests,
  postgresReachable,
  type ThrowawayDatabase,
  testPostgresPlan,
  testPostgresUrl,
} from './postgres.ts';
export { type TestTarget, testTargets } from './targets.ts';
