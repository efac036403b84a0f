/**
 * @openpas/workflow — the TWPAS prior-authorization workflow as pure domain code: the case state machine
 * over ClaimResponse.disposition/outcome with its timeline and audit records, acceptance numbers,
 * the intake pre-check (智能預檢), reviewer decisions and resubmissions. No database, no HTTP.
 */
export * from './acceptance.ts';
export * from './actor.ts';
export { type BundleIndex, claimEntry, indexBundle } from './bundle-index.ts';
export * from './case-facts.ts';
export * from './decide.ts';
export { decisionsFromResponse } from './decisions-from-response.ts';
export * from './errors.ts';
export * from './history.ts';
export * from './intake.ts';
export { PRECHECK_REASON_SYSTEM, withoutOutcomeDetails, withPrecheckReasons } from './notes.ts';
export * from './pending-sequence.ts';
export * from './precheck.ts';
export * from './resubmission.ts';
export * from './states.ts';
export { fhirDateTime, taipeiDate } from './time.ts';
export * from './transitions.ts';
