import { z } from 'zod';
import { appFields } from './app-input.ts';
import {
  CATEGORIES,
  DECISION_ACTIONS,
  LAUNCH_TYPES,
  REVIEW_STATUSES,
  SPECIALTIES,
  UPLOAD_KINDS,
  USER_TYPES,
} from './vocabulary.ts';

// What the registry hands out, as zod schemas so the API can declare (and check) its outputs with them.
// Dates travel as ISO strings.

const iso = z.string();
const status = z.enum(REVIEW_STATUSES);

/** One version: the registration as the developer wrote it, with its number and review state. */
export const appVersionView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status,
  details: appFields,
  submittedAt: iso.nullable(),
  reviewedAt: iso.nullable(),
  createdAt: iso,
});
export type AppVersionView = z.infer<typeof appVersionView>;

/** A decision on an app: who did what to which version, when and why. */
export const decisionView = z.object({
  id: z.uuid(),
  action: z.enum(DECISION_ACTIONS),
  version: z.number().int().nullable(),
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  reason: z.string().nullable(),
  at: iso,
});
export type DecisionView = z.infer<typeof decisionView>;

/** An OAuth client of the app: the sandbox one (at once) or the production one (active once approved). */
export const clientView = z.object({
  clientId: z.string(),
  environment: z.enum(['sandbox', 'production']),
  reviewStatus: status,
  /** Whether the client authenticates with a secret (one can be rotated) */
  hasSecret: z.boolean(),
  /** Until when the previous secret still works after a rotation */
  previousSecretValidUntil: iso.nullable(),
});
export type ClientView = z.infer<typeof clientView>;

/** A secret, shown once: when it is created and after each rotation. */
export const issuedSecretView = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  previousSecretValidUntil: iso.nullable(),
});
export type IssuedSecretView = z.infer<typeof issuedSecretView>;

/** A developer's app in their list. */
export const appSummaryView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status,
  listed: z.boolean(),
  latestVersion: z.number().int(),
  liveVersion: z.number().int().nullable(),
  /** Registered through RFC 7591 rather than the console */
  dynamicRegistration: z.boolean(),
  updatedAt: iso,
});
export type AppSummaryView = z.infer<typeof appSummaryView>;

/** Everything the developer console shows of one app. */
export const appDetailView = appSummaryView.extend({
  /** The version being edited or reviewed (the newest) */
  working: appVersionView,
  /** The approved version in use, when there is one and it is not the working one */
  live: appVersionView.nullable(),
  versions: z.array(appVersionView.pick({ id: true, version: true, status: true, createdAt: true })),
  clients: z.array(clientView),
  decisions: z.array(decisionView),
  /** The auth server's sandbox EHR launcher for this app's sandbox client (null for backend services) */
  sandboxLaunchUrl: z.string().nullable(),
});
export type AppDetailView = z.infer<typeof appDetailView>;

/** What changed in one field between the live version and the one under review. */
export const fieldChangeView = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChangeView = z.infer<typeof fieldChangeView>;

/** A submission in the admin's queue. */
export const queueItemView = z.object({
  appId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status,
  version: z.number().int(),
  developer: z.object({ id: z.uuid(), displayName: z.string(), organizationName: z.string().nullable() }),
  submittedAt: iso.nullable(),
  /** A change to an app that is already live */
  isUpdate: z.boolean(),
});
export type QueueItemView = z.infer<typeof queueItemView>;

/** One line of a certification report: a check, whether it passed, and its evidence (a code the portal
 * translates, with the values it names). */
export const certificationCheckView = z.object({
  id: z.string(),
  passed: z.boolean(),
  evidence: z.object({
    code: z.string(),
    values: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});
export type CertificationCheckView = z.infer<typeof certificationCheckView>;

export const certificationRunView = z.object({
  id: z.uuid(),
  appId: z.uuid(),
  version: z.number().int(),
  status: z.enum(['queued', 'running', 'passed', 'failed']),
  checks: z.array(certificationCheckView),
  progress: z.string().nullable(),
  startedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  createdAt: iso,
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
});
export type CertificationRunView = z.infer<typeof certificationRunView>;

/** The admin's view of a submission: the candidate, the live version, the diff and the history. */
export const reviewView = z.object({
  app: appSummaryView.extend({
    developer: z.object({ id: z.uuid(), displayName: z.string(), organizationName: z.string().nullable() }),
  }),
  candidate: appVersionView,
  live: appVersionView.nullable(),
  changes: z.array(fieldChangeView),
  decisions: z.array(decisionView),
  clients: z.array(clientView),
  /** The candidate version's newest certification run, if any */
  certification: certificationRunView.nullable(),
});
export type ReviewView = z.infer<typeof reviewView>;

/** An image: where the portal serves it. */
export const uploadView = z.object({
  id: z.uuid(),
  kind: z.enum(UPLOAD_KINDS),
  contentType: z.string(),
  size: z.number().int(),
  /** Path under the portal: /uploads/<id> */
  path: z.string(),
});
export type UploadView = z.infer<typeof uploadView>;

/** A scope in plain words, both languages. */
export const plainScopeView = z.object({ scope: z.string(), en: z.string(), zhTW: z.string() });
export type PlainScopeView = z.infer<typeof plainScopeView>;

/** A listed app in the catalog's results. */
export const listingSummaryView = z.object({
  appId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  summaryEn: z.string(),
  summaryZh: z.string(),
  logoPath: z.string().nullable(),
  categories: z.array(z.enum(CATEGORIES)),
  specialties: z.array(z.enum(SPECIALTIES)),
  launchTypes: z.array(z.enum(LAUNCH_TYPES)),
  userTypes: z.array(z.enum(USER_TYPES)),
  developerName: z.string(),
});
export type ListingSummaryView = z.infer<typeof listingSummaryView>;

/** The public listing page of an app (its live version only). */
export const listingView = listingSummaryView.extend({
  descriptionEn: z.string(),
  descriptionZh: z.string(),
  screenshotPaths: z.array(z.string()),
  scopes: z.array(plainScopeView),
  homepageUrl: z.string().nullable(),
  privacyPolicyUrl: z.string().nullable(),
  termsUrl: z.string().nullable(),
  securityAnswers: z.record(z.string(), z.string()),
  fhirVersion: z.string(),
  versionHistory: z.array(z.object({ version: z.number().int(), approvedAt: iso.nullable() })),
});
export type ListingView = z.infer<typeof listingView>;

/** One page of catalog results, best match first. */
export const catalogPageView = z.object({
  items: z.array(listingSummaryView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CatalogPageView = z.infer<typeof catalogPageView>;

/** A listed app with its state at the hospital admin's hospital. */
export const enablementView = listingSummaryView.extend({
  enabled: z.boolean(),
  changedAt: iso.nullable(),
  changedBy: z.string().nullable(),
});
export type EnablementView = z.infer<typeof enablementView>;

/** A signed-in person as the portal knows them. */
export const accountView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
});
export type AccountView = z.infer<typeof accountView>;

/** An RFC 7591 registration waiting for an admin, not (yet) an app of any developer. */
export const registrationView = z.object({
  clientId: z.string(),
  clientName: z.string().nullable(),
  allowedScopes: z.string(),
  grantTypes: z.array(z.string()),
  tokenEndpointAuthMethod: z.string().nullable(),
  registeredAt: z.string(),
});
export type RegistrationView = z.infer<typeof registrationView>;
