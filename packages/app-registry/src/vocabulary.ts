// The words an app is described and filtered by in the marketplace. Stored as these codes; the portal
// shows them in the reader's language.

/** How an app is started: SMART standalone by a patient, EHR launch by a clinician, or a backend service. */
export const LAUNCH_TYPES = ['patient-standalone', 'clinician-ehr', 'backend-service'] as const;
export type LaunchType = (typeof LAUNCH_TYPES)[number];

/** How the app's client authenticates at the token endpoint. */
export const CLIENT_KINDS = ['public', 'confidential-secret', 'confidential-jwks'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Who uses the app. */
export const USER_TYPES = ['patient', 'clinician', 'hospital-staff', 'payer'] as const;
export type UserType = (typeof USER_TYPES)[number];

export const CATEGORIES = [
  'prior-authorization',
  'clinical-decision-support',
  'care-coordination',
  'patient-engagement',
  'data-exchange',
  'analytics',
  'administration',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SPECIALTIES = [
  'oncology',
  'hematology',
  'rheumatology',
  'dermatology',
  'gastroenterology',
  'pharmacy',
  'general',
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** The security questionnaire every listing answers (shown on the listing page). */
export const SECURITY_QUESTIONS = [
  'dataStorage',
  'encryption',
  'accessControl',
  'incidentResponse',
  'thirdParties',
] as const;
export type SecurityQuestion = (typeof SECURITY_QUESTIONS)[number];

/**
 * Review states of an app version: draft → pending (submitted) → in_review → approved | rejected;
 * approved → suspended | retired; suspended → approved (reinstated) | retired.
 */
export const REVIEW_STATUSES = [
  'draft',
  'pending',
  'in_review',
  'approved',
  'rejected',
  'suspended',
  'retired',
] as const;
export type AppStatus = (typeof REVIEW_STATUSES)[number];

/** What a decision row records. */
export const DECISION_ACTIONS = [
  'create',
  'submit',
  'start-review',
  'approve',
  /** Approved although the version's certification did not pass, with the admin's reason */
  'approve-override',
  'reject',
  'suspend',
  'retire',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Image uploads: what they are for, the only types accepted, and the largest size of each. */
export const UPLOAD_KINDS = ['logo', 'screenshot'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_UPLOAD_BYTES: Record<UploadKind, number> = {
  logo: 512 * 1024,
  screenshot: 2 * 1024 * 1024,
};
export const MAX_SCREENSHOTS = 8;
