export { runQueuedCertification, startCertificationInBackground } from './background.ts';
export { CHROMIUM_PATH } from './browser-launch.ts';
export {
  BACKEND_CHECKS,
  type CheckId,
  type CheckResult,
  COMMON_CHECKS,
  USER_FACING_CHECKS,
} from './checks.ts';
export { MIN_STATE_BITS } from './observed-checks.ts';
export { type CertificationSettings, certify, type Progress } from './run-certification.ts';
