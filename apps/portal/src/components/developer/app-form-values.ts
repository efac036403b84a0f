import type { AppDetails, AppInputRaw } from '@openpas/app-registry/app-input';

/** The registration form's values: lists that people type one per line are kept as text until sent. */
export interface AppFormValues {
  name: string;
  summaryEn: string;
  summaryZh: string;
  descriptionEn: string;
  descriptionZh: string;
  launchTypes: string[];
  clientKind: string;
  redirectUris: string;
  launchUrl: string;
  jwksUrl: string;
  jwks: string;
  scopes: string;
  homepageUrl: string;
  privacyPolicyUrl: string;
  termsUrl: string;
  logoUploadId: string | null;
  screenshotUploadIds: string[];
  categories: string[];
  specialties: string[];
  userTypes: string[];
  securityAnswers: Record<string, string>;
}

export const EMPTY_APP: AppFormValues = {
  name: '',
  summaryEn: '',
  summaryZh: '',
  descriptionEn: '',
  descriptionZh: '',
  launchTypes: [],
  clientKind: 'confidential-jwks',
  redirectUris: '',
  launchUrl: '',
  jwksUrl: '',
  jwks: '',
  scopes: '',
  homepageUrl: '',
  privacyPolicyUrl: '',
  termsUrl: '',
  logoUploadId: null,
  screenshotUploadIds: [],
  categories: [],
  specialties: [],
  userTypes: [],
  securityAnswers: {},
};

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The form's values as the API takes them. */
export function toAppInput(values: AppFormValues): AppInputRaw {
  const answers = Object.fromEntries(
    Object.entries(values.securityAnswers).filter(([, answer]) => answer.trim() !== ''),
  );
  return {
    ...values,
    launchTypes: values.launchTypes as AppInputRaw['launchTypes'],
    clientKind: values.clientKind as AppInputRaw['clientKind'],
    categories: values.categories as AppInputRaw['categories'],
    specialties: values.specialties as AppInputRaw['specialties'],
    userTypes: values.userTypes as AppInputRaw['userTypes'],
    redirectUris: lines(values.redirectUris),
    securityAnswers: answers,
  };
}

/** A stored version's details as the form shows them. */
export function fromAppDetails(details: AppDetails): AppFormValues {
  return {
    name: details.name,
    summaryEn: details.summaryEn,
    summaryZh: details.summaryZh,
    descriptionEn: details.descriptionEn,
    descriptionZh: details.descriptionZh,
    launchTypes: [...details.launchTypes],
    clientKind: details.clientKind,
    redirectUris: details.redirectUris.join('\n'),
    launchUrl: details.launchUrl ?? '',
    jwksUrl: details.jwksUrl ?? '',
    jwks: details.jwks,
    scopes: details.scopes,
    homepageUrl: details.homepageUrl ?? '',
    privacyPolicyUrl: details.privacyPolicyUrl ?? '',
    termsUrl: details.termsUrl ?? '',
    logoUploadId: details.logoUploadId,
    screenshotUploadIds: [...details.screenshotUploadIds],
    categories: [...details.categories],
    specialties: [...details.specialties],
    userTypes: [...details.userTypes],
    securityAnswers: Object.fromEntries(
      Object.entries(details.securityAnswers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
  };
}
