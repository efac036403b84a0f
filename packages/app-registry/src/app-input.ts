import { z } from 'zod';
import {
  CATEGORIES,
  CLIENT_KINDS,
  LAUNCH_TYPES,
  MAX_SCREENSHOTS,
  SECURITY_QUESTIONS,
  SPECIALTIES,
  USER_TYPES,
} from './vocabulary.ts';

// What a developer registers: every field of spec/portal.md's "app registration". The shape is checked
// here (zod, field by field); what needs the outside world or other rules — redirect URI policy, the JWKS
// fetched and its keys, scopes within the ceiling — is checked by checkAppDetails (app-checks.ts), which
// reports problems per field the same way.

const optionalUrl = z
  .string()
  .trim()
  .max(2000)
  .transform((value) => value || undefined)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
  .optional();

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** The fields of a registration, without the rules that tie them together. */
export const appFields = z.object({
  name: text(80).min(2, 'at least 2 characters'),
  summaryEn: text(200).min(1, 'required'),
  descriptionEn: text(5000).min(1, 'required'),
  summaryZh: text(200).default(''),
  descriptionZh: text(5000).default(''),
  launchTypes: z.array(z.enum(LAUNCH_TYPES)).min(1, 'choose at least one launch type'),
  clientKind: z.enum(CLIENT_KINDS),
  redirectUris: z.array(z.string().trim().max(2000)).max(10).default([]),
  launchUrl: optionalUrl,
  jwksUrl: optionalUrl,
  /** A pasted JWKS, as JSON text */
  jwks: text(20000).default(''),
  scopes: text(2000).min(1, 'required'),
  fhirVersion: z.literal('4.0.1').default('4.0.1'),
  homepageUrl: optionalUrl,
  privacyPolicyUrl: optionalUrl,
  termsUrl: optionalUrl,
  logoUploadId: z.uuid().nullable().default(null),
  screenshotUploadIds: z.array(z.uuid()).max(MAX_SCREENSHOTS).default([]),
  categories: z.array(z.enum(CATEGORIES)).max(4).default([]),
  specialties: z.array(z.enum(SPECIALTIES)).max(6).default([]),
  userTypes: z.array(z.enum(USER_TYPES)).min(1, 'choose at least one user type'),
  securityAnswers: z.partialRecord(z.enum(SECURITY_QUESTIONS), text(2000)).default({}),
});

/** A registration as the developer sends it: the fields and the rules between them. */
export const appInput = appFields.superRefine((value, ctx) => {
  const backend = value.launchTypes.includes('backend-service');
  if (backend && value.launchTypes.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['launchTypes'],
      message: 'a backend service cannot also be launched by a user',
    });
  }
  if (backend && value.clientKind !== 'confidential-jwks') {
    ctx.addIssue({
      code: 'custom',
      path: ['clientKind'],
      message: 'a backend service authenticates with its keys (confidential-jwks)',
    });
  }
  if (!backend && value.redirectUris.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['redirectUris'], message: 'at least one redirect URI' });
  }
  if (value.launchTypes.includes('clinician-ehr') && !value.launchUrl) {
    ctx.addIssue({ code: 'custom', path: ['launchUrl'], message: 'an EHR launch needs a launch URL' });
  }
  if (value.clientKind === 'confidential-jwks' && !value.jwksUrl === !value.jwks) {
    ctx.addIssue({
      code: 'custom',
      path: ['jwksUrl'],
      message: 'give either a JWKS URL or a pasted JWKS',
    });
  }
});

/** A registration as the developer sends it (defaults not yet applied). */
export type AppInputRaw = z.input<typeof appInput>;
/** A registration after its shape was checked. */
export type AppInput = z.output<typeof appInput>;
/** The stored details of a version (what appInput produced). */
export type AppDetails = AppInput;
