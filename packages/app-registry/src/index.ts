export {
  type Admin,
  type ApproveOptions,
  approveApp,
  rejectApp,
  retireApp,
  reviewOf,
  reviewQueue,
  startReview,
  suspendApp,
} from './admin-review.ts';
export {
  type CheckOptions,
  checkAppDetails,
  defaultJwksFetcher,
  type JwksFetcher,
  jwksProblem,
} from './app-checks.ts';
export { type AppDetails, type AppInput, type AppInputRaw, appFields, appInput } from './app-input.ts';
export { type CatalogQuery, describeScopes, listingBySlug, searchCatalog, searchTerms } from './catalog.ts';
export {
  type CertificationSubject,
  certificationRun,
  certificationRunsOf,
  claimCertification,
  developerCertifications,
  failAbandonedRuns,
  finishCertification,
  latestCertification,
  reportProgress,
  requestCertification,
  STALE_RUN_SECONDS,
} from './certification-runs.ts';
export { claimRegistration } from './claimed-registrations.ts';
export { clientMetadataOf, grantTypesOf } from './client-metadata.ts';
export {
  adoptOrganization,
  type CreatedApp,
  createApp,
  type Developer,
  getDeveloperApp,
  listDeveloperApps,
  type RegistryOptions,
  rotateAppSecret,
  submitApp,
  updateApp,
} from './developer-apps.ts';
export {
  type HospitalAdmin,
  hospitalApps,
  type LaunchPermission,
  launchPermission,
  setEnablement,
} from './enablement.ts';
export { sniffImageType } from './image-sniffing.ts';
export { decideRegistration, registrationQueue } from './registration-review.ts';
export { RegistryError, type RegistryErrorCode } from './registry-error.ts';
export { readUpload, type StoredUpload, storeUpload } from './uploads.ts';
export { type FieldChange, versionChanges } from './version-diff.ts';
export * from './views.ts';
export * from './vocabulary.ts';
