/**
 * The closed entry slicing of the two request Bundle profiles (discriminator: the entry resource's
 * profile), as in their snapshots; `entry-slices.test.ts` compares it with the StructureDefinitions.
 */
import { TW_CORE_PROFILES, TWPAS_PROFILES } from '@openpas/fhir-model';

export interface EntrySlice {
  /** Slice name in the StructureDefinition (Bundle.entry:name). */
  name: string;
  profile: string;
  resourceType: string;
  min: number;
  /** Infinity for `*`. */
  max: number;
}

const MANY = Number.POSITIVE_INFINITY;
const P = TWPAS_PROFILES;

function slice(name: string, profile: string, resourceType: string, min: number, max: number): EntrySlice {
  return { name, profile, resourceType, min, max };
}

/** The slices both Bundle profiles share (the immunologic one adds phototherapy and allows several hospitals). */
function commonSlices(organizationMax: number): EntrySlice[] {
  return [
    slice('encounter', P.encounter, 'Encounter', 1, 1),
    slice('patient', P.patient, 'Patient', 1, 1),
    slice('practitioner', P.practitioner, 'Practitioner', 1, MANY),
    slice('organization', P.organization, 'Organization', 1, organizationMax),
    slice('diagnosticReportImage', P.diagnosticReportImage, 'DiagnosticReport', 0, MANY),
    slice('imageStudy', P.imagingStudy, 'ImagingStudy', 0, MANY),
    slice('media', P.media, 'Media', 0, MANY),
    slice('observationCancerStage', P.observationCancerStage, 'Observation', 0, MANY),
    slice('diagnosticReport', P.diagnosticReport, 'DiagnosticReport', 0, MANY),
    slice('observationDiagnostic', P.observationDiagnostic, 'Observation', 0, MANY),
    slice('specimen', P.specimen, 'Specimen', 0, MANY),
    slice('organizationGen', P.organizationGeneticTesting, 'Organization', 0, MANY),
    slice('documentReference', P.documentReference, 'DocumentReference', 0, MANY),
    slice('observationLaboratoryResult', P.observationLaboratoryResult, 'Observation', 0, MANY),
    slice('observationPatientAssessment', P.observationPatientAssessment, 'Observation', 0, MANY),
    slice('medicationRequestTreat', P.medicationRequestTreat, 'MedicationRequest', 0, MANY),
    slice('procedureRadiotherapy', P.procedure, 'Procedure', 0, MANY),
    slice('substanceRadiotherapy', P.substance, 'Substance', 0, MANY),
    slice('observationTreatmentAssessment', P.observationTreatmentAssessment, 'Observation', 0, MANY),
    slice('medicationRequestApply', P.medicationRequestApply, 'MedicationRequest', 1, MANY),
    slice('coverage', P.coverage, 'Coverage', 1, 1),
    slice('claimResponse', P.claimResponseSelfAssessment, 'ClaimResponse', 0, 1),
    slice('organizationOrg', TW_CORE_PROFILES.organizationGovernment, 'Organization', 1, 1),
    slice('compositionOpd', P.compositionOpd, 'Composition', 0, MANY),
    slice('encounterOpd', P.encounterOpd, 'Encounter', 0, MANY),
    slice('condition', P.condition, 'Condition', 0, MANY),
    slice('observationBloodgroup', P.observationBloodGroup, 'Observation', 0, 1),
    slice('allergyIntolerance', P.allergyIntolerance, 'AllergyIntolerance', 0, MANY),
    slice('observationSubjective', P.observationSubjective, 'Observation', 0, MANY),
    slice('observationObjective', P.observationObjective, 'Observation', 0, MANY),
    slice('clinicalImpression', P.clinicalImpression, 'ClinicalImpression', 0, MANY),
    slice('carePlan', P.carePlan, 'CarePlan', 0, MANY),
  ];
}

/** Bundle profile URL → its entry slices. */
export const ENTRY_SLICES: Readonly<Record<string, readonly EntrySlice[]>> = {
  [P.bundle]: [slice('claim', P.claim, 'Claim', 1, 1), ...commonSlices(1)],
  [P.bundleImmunologicAgent]: [
    slice('claim', P.claimImmunologicAgent, 'Claim', 1, 1),
    ...commonSlices(MANY),
    slice('procedurePhototherapy', P.procedurePhototherapy, 'Procedure', 0, MANY),
    slice('substancePhototherapy', P.substancePhototherapy, 'Substance', 0, MANY),
  ],
};

/** The request Bundle profiles. */
export const REQUEST_BUNDLE_PROFILES: readonly string[] = [P.bundle, P.bundleImmunologicAgent];

/** Every profile a resource in a request Bundle may name (TWPAS and the TW Core government organisation). */
export const KNOWN_PROFILES: ReadonlySet<string> = new Set([
  ...Object.values(TWPAS_PROFILES),
  ...Object.values(TW_CORE_PROFILES),
]);

/** The request Bundle profile a Bundle declares, if any. */
export function requestBundleProfile(profiles: readonly string[]): string | undefined {
  return REQUEST_BUNDLE_PROFILES.find((p) => profiles.includes(p));
}
