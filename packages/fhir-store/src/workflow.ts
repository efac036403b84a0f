// The writes only the workflow makes (packages/cases: submission, resubmission, decision), inside its own
// transaction and after its own access checks. Routes never import this: they use the guarded store.
export { recordAudits } from './audit/record.ts';
export {
  activeSubscriptions,
  criteriaMatch,
  enqueueNotifications,
} from './notifications/enqueue.ts';
export { findCaseByAcceptanceNumber } from './repository/cases.ts';
export { jsonChunks, utf8Of } from './repository/json-chunks.ts';
export {
  createResources,
  newResourceRows,
  newRowsChunks,
  putResource,
  readResource,
  type StoreDb,
  updateResource,
} from './repository/resources.ts';
export { executeSearch } from './search/execute.ts';
export { chartPatientsOf } from './submission/chart-patients.ts';
export {
  drawnSequence,
  fillNotificationsAtCommit,
  type NumberAtCommit,
  numberAtCommitInsert,
  numbersUsedUp,
} from './submission/number-at-commit.ts';
export { assignServerIds, rewrite } from './submission/server-ids.ts';
