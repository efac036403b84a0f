export { openTargetForSuite } from './open-target.ts';
export {
  createThrowawayDatabase,
  postgresReachable,
  type ThrowawayDatabase,
  testPostgresUrl,
} from './postgres.ts';
export { type TestTarget, testTargets } from './targets.ts';
