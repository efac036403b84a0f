/**
 * Canonical URLs of the TWPAS implementation guide (tw.gov.mohw.nhi.pas 1.2.3) and of the TW Core and
 * Da Vinci PAS artefacts it reuses.
 */

export const TWPAS_IG = {
  packageId: 'tw.gov.mohw.nhi.pas',
  version: '1.2.3',
  canonical: 'https://nhicore.nhi.gov.tw/pas',
  fhirVersion: '4.0.1',
} as const;

/** Every TWPAS resource profile, by what it profiles. */
export const TWPAS_PROFILES = {
  bundle: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Bundle-twpas',
  bundleImmunologicAgent: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Bundle-immunologic-agent-twpas',
  bundleResponse: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Bundle-response-twpas',
  claim: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-twpas',
  claimImmunologicAgent: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-immunologic-agent-twpas',
  claimResponse: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/ClaimResponse-twpas',
  claimResponseSelfAssessment:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/ClaimResponse-self-assessment-twpas',
  patient: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Patient-twpas',
  practitioner: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Practitioner-twpas',
  organization: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Organization-twpas',
  organizationGeneticTesting:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Organization-genetic-testing-twpas',
  encounter: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Encounter-twpas',
  encounterOpd: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Encounter-opd-twpas',
  coverage: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Coverage-twpas',
  medicationRequestApply: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/MedicationRequest-apply-twpas',
  medicationRequestTreat: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/MedicationRequest-treat-twpas',
  observationCancerStage: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-cancer-stage-twpas',
  observationDiagnostic: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-diagnostic-twpas',
  observationLaboratoryResult:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-laboratory-result-twpas',
  observationPatientAssessment:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-pat-assessment-twpas',
  observationTreatmentAssessment:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-tx-assessment-twpas',
  observationBloodGroup: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-blood-group-twpas',
  observationSubjective: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-subjective-twpas',
  observationObjective: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Observation-objective-twpas',
  diagnosticReport: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/DiagnosticReport-twpas',
  diagnosticReportImage: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/DiagnosticReport-image-twpas',
  documentReference: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/DocumentReference-twpas',
  imagingStudy: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/ImagingStudy-twpas',
  media: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Media-twpas',
  specimen: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Specimen-twpas',
  procedure: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Procedure-twpas',
  procedurePhototherapy: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Procedure-phototherapy-twpas',
  substance: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Substance-twpas',
  substancePhototherapy: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Substance-phototherapy-twpas',
  allergyIntolerance: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/AllergyIntolerance-twpas',
  carePlan: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/CarePlan-twpas',
  clinicalImpression: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/ClinicalImpression-twpas',
  compositionOpd: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Composition-opd-twpas',
  condition: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Condition-twpas',
  operationOutcome: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/Operationoutcome-twpas',
} as const;

export type TwpasProfileName = keyof typeof TWPAS_PROFILES;
export type TwpasProfileUrl = (typeof TWPAS_PROFILES)[TwpasProfileName];

/** The guide's own extensions. */
export const TWPAS_EXTENSIONS = {
  claimEncounter: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claim-encounter',
  requestedService: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-requestedService',
  claimResponseRequestor:
    'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claimResponse-requestor',
} as const;

/** Da Vinci PAS extension the guide reuses for the main diagnosis date (診斷日期). */
export const DAVINCI_PAS_EXTENSIONS = {
  diagnosisRecordedDate:
    'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-diagnosisRecordedDate',
} as const;

/** TW Core profiles TWPAS points at directly (the NHIA is an Organization-govt-twcore, not a TWPAS profile). */
export const TW_CORE_PROFILES = {
  organizationGovernment: 'https://twcore.mohw.gov.tw/ig/twcore/StructureDefinition/Organization-govt-twcore',
} as const;
