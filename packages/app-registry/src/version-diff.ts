import type { AppDetails } from './app-input.ts';

// What changed between two versions of an app, field by field, for the admin's review: the fields in the
// registration's order, each with its value before and after. A first submission compares with nothing.

const FIELDS: readonly (keyof AppDetails)[] = [
  'name',
  'summaryEn',
  'summaryZh',
  'descriptionEn',
  'descriptionZh',
  'launchTypes',
  'clientKind',
  'redirectUris',
  'launchUrl',
  'jwksUrl',
  'jwks',
  'scopes',
  'fhirVersion',
  'homepageUrl',
  'privacyPolicyUrl',
  'termsUrl',
  'logoUploadId',
  'screenshotUploadIds',
  'categories',
  'specialties',
  'userTypes',
  'securityAnswers',
];

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const empty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

function same(a: unknown, b: unknown): boolean {
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

/** The fields whose values differ, before (null for a first submission) and after. */
export function versionChanges(
  before: Partial<AppDetails> | null,
  after: Partial<AppDetails>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    const was = before?.[field] ?? null;
    const now = after[field] ?? null;
    if (!same(was, now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}
