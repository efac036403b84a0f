/** Every built-in TWPAS rule, in the order issues are reported. Adding a rule is one line here. */
import type { Rule } from '../types.ts';
import { attachmentContent } from './attachment-content.ts';
import { bundleEntryResource } from './bundle-entry-resource.ts';
import { bundleEntrySlices } from './bundle-entry-slices.ts';
import { bundleFullUrl } from './bundle-full-url.ts';
import { bundleMetaProfile } from './bundle-meta-profile.ts';
import { bundleType } from './bundle-type.ts';
import { claimEarlierAcceptanceNumber } from './claim-earlier-acceptance-number.ts';
import { claimFiveCancersContinuation } from './claim-five-cancers-continuation.ts';
import { claimImmunologicDiagnosis } from './claim-immunologic-diagnosis.ts';
import { claimItemModifier } from './claim-item-modifier.ts';
import { claimMainDiagnosis } from './claim-main-diagnosis.ts';
import { claimProgramCode } from './claim-program-code.ts';
import { claimSelfAssessment } from './claim-self-assessment.ts';
import { claimSupportingInfoEvidence } from './claim-supporting-info-evidence.ts';
import { claimSupportingInfoSequence } from './claim-supporting-info-sequence.ts';
import { claimSupportingInfoVitals } from './claim-supporting-info-vitals.ts';
import { codeMembership } from './code-membership.ts';
import { identifierCheckDigit } from './identifier-check-digit.ts';
import { identifierNationalId } from './identifier-national-id.ts';
import { identifierNoPassport } from './identifier-no-passport.ts';
import { organizationHospitalCode } from './organization-hospital-code.ts';
import { organizationNhia } from './organization-nhia.ts';
import { patientGenderDigit } from './patient-gender-digit.ts';
import { profileRequired } from './profile-required.ts';
import { referenceResolvable } from './reference-resolvable.ts';
import { resourceUnknownElements } from './resource-unknown-elements.ts';

export const RULES: readonly Rule[] = [
  bundleType,
  bundleEntryResource,
  resourceUnknownElements,
  bundleFullUrl,
  bundleMetaProfile,
  bundleEntrySlices,
  profileRequired,
  identifierNationalId,
  identifierCheckDigit,
  patientGenderDigit,
  identifierNoPassport,
  organizationHospitalCode,
  organizationNhia,
  codeMembership,
  claimItemModifier,
  claimSupportingInfoSequence,
  claimSupportingInfoVitals,
  claimSupportingInfoEvidence,
  claimEarlierAcceptanceNumber,
  claimFiveCancersContinuation,
  claimSelfAssessment,
  claimProgramCode,
  referenceResolvable,
  claimMainDiagnosis,
  claimImmunologicDiagnosis,
  attachmentContent,
];
